import { FeedError, type IssuePath } from '@cc/shared';

/** Deepest nesting of arrays and objects a feed payload may have (GeoJSON needs about 8). */
export const MAX_JSON_DEPTH = 64;

/** Most fields one object may have: every schema has a few dozen at most, so more is an attack. */
export const MAX_JSON_KEYS = 1000;

/** Keys that reach an object's prototype when a payload is merged or spread; never data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Where the scan is: an object (with the key being read) or an array (with the item index). */
type Frame =
  { object: true; key: string | undefined; keys: number } | { object: false; index: number };

function pathOf(stack: readonly Frame[]): IssuePath {
  const path: IssuePath = [];
  for (const f of stack) {
    if (!f.object) path.push(f.index);
    else if (f.key !== undefined) path.push(f.key);
  }
  return path;
}

/** Index of the quote closing the string that opens at `start`; -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** A key as JSON.parse will see it: escapes (`\u005f_proto__`) resolved. */
function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return raw; // a malformed escape: JSON.parse refuses the whole payload next
  }
}

function nonFinite(text: string, i: number): string | undefined {
  if (text.startsWith('NaN', i)) return 'NaN';
  if (text.startsWith('Infinity', i)) return 'Infinity';
  if (text.startsWith('-Infinity', i)) return '-Infinity';
  return undefined;
}

/**
 * One linear pass over a payload before JSON.parse, refusing what the parser would accept (or
 * choke on) but the product must not: nesting deeper than `maxDepth` (refused before any
 * recursive code sees it), an object with more than `maxKeys` fields (refused before parsing
 * and validating it costs anything), `__proto__` / `constructor` / `prototype` keys anywhere, and
 * NaN or Infinity (not JSON; named by their field instead of a parser position). A payload cut
 * off (a string, object or array never closed: the commonest malformed one) is refused here too:
 * JSON.parse's exception costs more than all the rest of a refusal. Other malformed JSON passes
 * through for JSON.parse to report.
 */
export function guardJson(text: string, maxDepth = MAX_JSON_DEPTH, maxKeys = MAX_JSON_KEYS): void {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) throw cutOff('a string');
      const top = stack[stack.length - 1];
      if (top?.object && expectKey) {
        top.key = keyAt(text, i, end);
        expectKey = false;
        if (++top.keys > maxKeys) {
          const path = pathOf(stack);
          throw new FeedError(
            'feed.invalid',
            `${path.join('.')}: more than ${maxKeys} fields in one object`,
            path,
          );
        }
        if (FORBIDDEN_KEYS.has(top.key)) {
          const path = pathOf(stack);
          throw new FeedError(
            'feed.forbidden_key',
            `${path.join('.')}: "${top.key}" is not allowed as a key`,
            path,
          );
        }
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      stack.push(
        c === OPEN_OBJECT ? { object: true, key: undefined, keys: 0 } : { object: false, index: 0 },
      );
      expectKey = c === OPEN_OBJECT;
      if (stack.length > maxDepth) {
        throw new FeedError(
          'feed.too_deep',
          `arrays and objects nested more than ${maxDepth} levels deep`,
        );
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      expectKey = false;
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top && !top.object) top.index++;
      expectKey = top?.object === true;
    } else if (c === 0x4e || c === 0x49 || c === 0x2d) {
      // N, I, -: the only way JSON text outside a string can spell NaN or Infinity.
      const word = nonFinite(text, i);
      if (word !== undefined) {
        const path = pathOf(stack);
        throw new FeedError(
          'feed.invalid',
          `${path.length === 0 ? '(message)' : path.join('.')}: ${word} is not a number (JSON has no NaN or Infinity)`,
          path,
        );
      }
    }
  }
  if (stack.length > 0) throw cutOff(stack[stack.length - 1]!.object ? 'an object' : 'an array');
}

function cutOff(what: string): FeedError {
  return new FeedError('feed.bad_json', `payload is not JSON: it ends inside ${what} (cut off?)`);
}
