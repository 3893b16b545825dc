import { describe, expect, it } from 'vitest';
import { FeedError } from '@cc/shared';
import { decodeCap } from '../../ingest/src/feeds/cap';
import { XML_MAX_DEPTH, XML_MAX_TEXT } from '../../ingest/src/feeds/cap-guard';
import { HOSTILE_XML } from '../helpers/cap-fixtures';

function reason(xml: string): string {
  try {
    decodeCap(Buffer.from(xml), 256 * 1024);
  } catch (err) {
    if (err instanceof FeedError && err.code === 'feed.bad_xml') return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('hostile XML is refused before parsing', () => {
  it.each(HOSTILE_XML)('$what', ({ xml, reason: expected }) => {
    expect(reason(xml)).toMatch(expected);
  });

  it('refuses an undeclared entity reference and processing instructions', () => {
    expect(reason('<alert>&xxe;</alert>')).toMatch(/predefined|&lt;/);
    expect(reason('<alert><?php evil() ?></alert>')).toMatch(/processing instructions/);
  });

  it('refuses oversized text and nesting one past the bound, accepts the bound', () => {
    expect(reason(`<alert>${'x'.repeat(XML_MAX_TEXT + 1)}</alert>`)).toMatch(/characters/);
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(reason(nest(XML_MAX_DEPTH + 1))).toMatch(/deeper/);
    // At the bound it parses (and is then refused as not being a CAP alert, not as bad XML).
    expect(() => decodeCap(Buffer.from(nest(XML_MAX_DEPTH)), 1e6)).toThrow(/CAP 1.2/);
  });

  it('refuses deep nesting in linear time without recursion', () => {
    const deep = '<a>'.repeat(30_000) + '</a>'.repeat(30_000);
    expect(reason(deep)).toMatch(/deeper/);
  });
});
