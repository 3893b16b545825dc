import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEED_ERROR_CODES } from '@cc/shared';

describe('docs/feeds.md', () => {
  it('explains every reject code an agency can receive', () => {
    const doc = readFileSync('docs/feeds.md', 'utf8');
    const codes = Object.keys(FEED_ERROR_CODES);
    expect(codes.filter((code) => !doc.includes(`| \`${code}\``))).toEqual([]);
  });
});
