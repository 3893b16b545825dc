import { describe, expect, it } from 'vitest';
import type { FeedError } from '@cc/shared';
import { BATCH_MAX, HazardMessage, ReadingMessage } from '@cc/shared';
import { decodeJson, itemsOf, validate } from '../../ingest/src/feeds/decode';
import { MAX_JSON_DEPTH, MAX_JSON_KEYS } from '../../ingest/src/feeds/json-guard';
import { hazardMessage } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';

const LIMIT = 256 * 1024;
const TS = '2026-01-01T00:00:00Z';

const decode = (text: string) => decodeJson(Buffer.from(text), LIMIT);

/** Wall time of `fn` in ms. A loose bound: hostile input must not cost more than a normal message. */
function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

describe('decoding hostile JSON', () => {
  it('refuses 100k nested arrays before parsing, fast', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    let e: FeedError | undefined;
    const ms = timed(() => (e = refusal(() => decode(deep))));
    expect(e?.code).toBe('feed.too_deep');
    expect(ms).toBeLessThan(250);
  });

  it('accepts nesting up to the bound and refuses one level more', () => {
    const nest = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    expect(() => decode(nest(MAX_JSON_DEPTH))).not.toThrow();
    expect(refusal(() => decode(nest(MAX_JSON_DEPTH + 1))).code).toBe('feed.too_deep');
  });

  it('is not fooled by brackets and quotes inside strings', () => {
    const text = JSON.stringify({
      a: `${'['.repeat(500)}"{\\`,
      b: ['NaN', 'Infinity', '__proto__'],
    });
    expect(decode(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ['__proto__ at the top', '{"__proto__":{"admin":true}}', ['__proto__']],
    [
      'constructor in a batch item',
      '[{"id":"a"},{"x":{"constructor":1}}]',
      [1, 'x', 'constructor'],
    ],
    ['prototype deep down', '{"a":[{"b":{"prototype":{}}}]}', ['a', 0, 'b', 'prototype']],
    ['an escaped __proto__', '{"\\u005f_proto__":{}}', ['__proto__']],
  ])('refuses %s as a forbidden key, with its path', (_what, text, path) => {
    const e = refusal(() => decode(text));
    expect([e.code, e.path]).toEqual(['feed.forbidden_key', path]);
    expect(e.message).toContain('is not allowed as a key');
    expect(Object.prototype).not.toHaveProperty('admin');
  });

  it.each([
    ['NaN in a field', `{"id":"a","ts":"${TS}","value":NaN}`, ['value']],
    [
      'Infinity in an array',
      '{"location":{"coordinates":[Infinity,31]}}',
      ['location', 'coordinates', 0],
    ],
    ['-Infinity in a batch', `[{"value":1},{"value":-Infinity}]`, [1, 'value']],
    ['NaN as the whole message', 'NaN', []],
  ])('refuses %s naming the field', (_what, text, path) => {
    const e = refusal(() => decode(text));
    expect([e.code, e.path]).toEqual(['feed.invalid', path]);
    expect(e.message).toMatch(/NaN|Infinity/);
  });

  it('refuses invalid UTF-8: a stray byte, an overlong encoding, an encoded surrogate', () => {
    for (const bytes of [
      [0x7b, 0xff, 0x7d],
      [0x22, 0xc0, 0xaf, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
    ]) {
      expect(refusal(() => decodeJson(Buffer.from(bytes), LIMIT)).code).toBe('feed.bad_json');
    }
  });

  it('refuses a payload over the size limit without reading it', () => {
    const e = refusal(() => decodeJson(Buffer.alloc(LIMIT + 1, 0x5b), LIMIT));
    expect(e.code).toBe('feed.too_large');
  });
});

describe('validating hostile items', () => {
  it('names the first of hundreds of unknown fields, with a short reason', () => {
    const keys = Object.fromEntries(Array.from({ length: 900 }, (_, i) => [`k${i}`, 0]));
    const e = refusal(() =>
      validate(ReadingMessage, decode(JSON.stringify({ id: 'a', ts: TS, value: 1, ...keys }))),
    );
    expect(e.path).toEqual(['k0']);
    expect(e.message).toBe('k0: unknown field (and 899 more unknown fields)');
  });

  it(`refuses an object with more than ${MAX_JSON_KEYS} fields before parsing it, fast`, () => {
    const keys = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 0]));
    const text = JSON.stringify({ a: [{ id: 'a', ts: TS, value: 1, ...keys }] });
    expect(text.length).toBeLessThan(LIMIT);
    let e: FeedError | undefined;
    const ms = timed(() => (e = refusal(() => decode(text))));
    // The 1001st field of the object: id, ts, value, then k0…k997.
    expect([e?.code, e?.path]).toEqual(['feed.invalid', ['a', 0, 'k997']]);
    expect(e?.message).toBe(`a.0.k997: more than ${MAX_JSON_KEYS} fields in one object`);
    expect(ms).toBeLessThan(250);
  });

  it(`refuses a batch of more than ${BATCH_MAX} items as too large`, () => {
    const batch = Array.from({ length: BATCH_MAX + 1 }, () => ({ id: 'a', ts: TS, value: 1 }));
    const e = refusal(() => itemsOf(batch));
    expect(e.code).toBe('feed.too_large');
    expect(e.message).toContain(`at most ${BATCH_MAX}`);
    expect(itemsOf(batch.slice(1)).items).toHaveLength(BATCH_MAX);
  });

  it('refuses an array too large for its schema, naming it', () => {
    const base = hazardMessage();
    const sensors = Array.from({ length: 65 }, (_, i) => ({ ...base.sensors[0]!, id: `s${i}` }));
    const e = refusal(() => validate(HazardMessage, { ...base, sensors }));
    expect([e.code, e.path]).toEqual(['feed.invalid', ['sensors']]);
    expect(e.message).toBe('sensors must have at most 64 items');
  });
});
