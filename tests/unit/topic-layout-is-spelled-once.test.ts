import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = [
  'shared/src',
  'ingest/src',
  'server/src',
  'client/src',
  'scripts',
  'demo/src',
  'bench',
];
/** The one module that spells the topic layout. */
const LAYOUT = 'shared/src/feed/topics.ts';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The code of a file without its comments and import lines (docs may show topics). */
function code(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/^import .*$/gm, '')
    .replace(/^\s*} from .*$/gm, '');
}

/** Ways to spell a piece of the topic layout in a string or template literal. */
const SPELLINGS: [string, RegExp][] = [
  ['a topic root followed by a level', /\$\{\w*(?:root|Root)\}\//],
  ['a command center output level', /['"`][^'"`\n]*\/(?:rejects|orders)\b(?!')/],
  ['an MQTT wildcard level', /['"`](?!\$SYS)[^'"`\n]*\/[+#](?:\/|['"`])/],
  ['the refused level', /['"`][^'"`\n]*\$refused/],
];

describe('the topic layout', () => {
  it(`is spelled in ${LAYOUT} only`, () => {
    const found: string[] = [];
    for (const file of DIRS.flatMap(sources)) {
      if (file === LAYOUT) continue;
      const text = code(file);
      for (const [what, pattern] of SPELLINGS) {
        const m = pattern.exec(text);
        // REST paths are not topics, nor is text that shows one to a reader (`{agency}`).
        if (m && !m[0].includes('/api/') && !m[0].includes('{agency}')) {
          found.push(`${file}: ${what}: ${m[0]}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('is spelled there', () => {
    const text = code(LAYOUT);
    for (const [what, pattern] of SPELLINGS) expect(pattern.test(text), what).toBe(true);
  });
});
