import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_EXAMPLES } from '../helpers/kind-fixtures';

const FEEDS_MD = readFileSync(new URL('../../docs/feeds.md', import.meta.url), 'utf8');

/** The JSON blocks of the section whose heading starts with `heading`, in order. */
function examplesOf(heading: string): unknown[] {
  const lines = FEEDS_MD.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`docs/feeds.md has no section "${heading}"`);
  const length = lines.slice(start + 1).findIndex((l) => l.startsWith('## '));
  const section = lines.slice(start + 1, length < 0 ? undefined : start + 1 + length).join('\n');
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
}

describe('docs/feeds.md', () => {
  it.each(Object.entries(DOC_EXAMPLES))(
    'section "%s" shows exactly the examples the integration tests publish',
    (heading, examples) => {
      expect(examplesOf(heading)).toEqual(examples);
    },
  );
});
