import { describe, expect, it } from 'vitest';
import { encodeBatch, readBatchEntry, type CommitUnit } from '@cc/shared/node';

describe('commit-batch encoding', () => {
  it('lists the unit headers, then every unit’s checks, then every unit’s operations, keys named once by index', () => {
    const encoded = encodeBatch([
      {
        guard: { obsKey: 'p:obs:reading', id: 'a:s1', ts: 42, expected: 41 },
        ops: [
          { op: 'xadd', key: 'p:telemetry', maxlen: 100, value: '{"r":1}' },
          {
            op: 'push',
            key: 'p:ts:a:s1',
            maxlen: 10,
            members: ['[41,1]', '[42,2]'],
            ifAbsent: ['[40,7]'],
          },
        ],
      },
      {
        checks: [{ key: 'p:obs:hazard', field: 'a:h0', value: null }],
        ops: [
          { op: 'hset', key: 'p:obs:offline', field: 'a', value: '42' },
          { op: 'push', key: 'p:ts:a:s1', maxlen: 10, trim: false, members: [] },
          { op: 'append', key: 'p:telemetry', maxlen: 100, value: '{"r":2}' },
          { op: 'append', key: 'p:telemetry', maxlen: 100, countKey: 'p:count', value: '{"r":3}' },
        ],
      },
      {
        guard: { obsKey: 'p:obs:reading', id: 'a:s2', ts: 7, expected: null },
        checks: [
          { key: 'p:obs:hazard', field: 'a:h1', value: '5' },
          { key: 'p:offline', field: 'a:s2', value: null },
        ],
        ops: [{ op: 'hdel', key: 'p:state:alarm', field: 'x' }],
      },
    ]);
    expect(encoded.keys).toEqual([
      'p:obs:reading',
      'p:telemetry',
      'p:ts:a:s1',
      'p:obs:hazard',
      'p:obs:offline',
      'p:count',
      'p:offline',
      'p:state:alarm',
    ]);
    expect(encoded.arguments).toEqual([
      ...['3', '0'],
      ...['1', 'a:s1', '42', '41', '2', '0'],
      ...['0', '', '0', '', '4', '1'],
      ...['1', 'a:s2', '7', '-', '1', '2'],
      ...['4', 'a:h0', '-'],
      ...['4', 'a:h1', '5'],
      ...['7', 'a:s2', '-'],
      ...['X', '2', '100', '{"r":1}'],
      ...['L', '3', '10', '2', '1', '[41,1]', '[42,2]', '[40,7]'],
      ...['H', '5', 'a', '42'],
      ...['L', '3', '-', '0', '0'],
      ...['A', '2', '100', '0', '{"r":2}'],
      ...['A', '2', '100', '6', '{"r":3}'],
      ...['D', '8', 'x'],
    ]);
  });

  it('sends a telemetry value once, for the state field of the unit and the stream entry', () => {
    const encoded = encodeBatch([
      {
        guard: { obsKey: 'p:obs:position', id: 'a:u1', ts: 5 },
        ops: [
          {
            op: 'telemetry',
            key: 'p:state:position',
            stream: 'p:telemetry',
            maxlen: 100,
            countKey: 'p:count',
            name: 'position',
            value: '{"id":"a:u1"}',
          },
        ],
      },
    ]);
    expect(encoded.keys).toEqual(['p:obs:position', 'p:state:position', 'p:telemetry', 'p:count']);
    expect(encoded.arguments).toEqual([
      ...['1', '0'],
      ...['1', 'a:u1', '5', '', '1', '0'],
      ...['T', '2', '3', '100', '4', 'position', '{"id":"a:u1"}'],
    ]);
    expect(() =>
      encodeBatch([
        {
          ops: [
            {
              op: 'telemetry',
              key: 'p:state:position',
              stream: 'p:telemetry',
              maxlen: 100,
              name: 'position',
              value: '{}',
            },
          ],
        },
      ]),
    ).toThrow(/without a guard/);
  });

  it('takes the units of a new reading that share their keys in the compact form, after the others', () => {
    const readingUnit = (id: string, ts: number, key = 'p:telemetry'): CommitUnit => ({
      guard: { obsKey: 'p:obs:reading', id, ts, expected: ts - 1 },
      checks: [
        { key: 'p:obs:hazard', field: 'a:h', value: '9' },
        { key: 'p:offline', field: id, value: null },
      ],
      ops: [
        {
          op: 'telemetry',
          key: 'p:state:reading',
          stream: key,
          maxlen: 100,
          countKey: 'p:count',
          name: 'reading',
          value: `{"id":"${id}"}`,
        },
        { op: 'push', key: `p:hist:${id}`, maxlen: 10, trim: ts > 5, members: [`[${ts},1]`] },
      ],
    });
    const encoded = encodeBatch([
      readingUnit('a:s1', 5),
      { ops: [{ op: 'hset', key: 'p:obs:offline', field: 'a', value: '5' }] },
      readingUnit('a:s2', 6),
      // Another stream: not what the first reading unit shares, so in the general form.
      readingUnit('a:s3', 7, 'p:other'),
    ]);
    expect(encoded.order).toEqual([1, 3, 0, 2]);
    expect(encoded.keys.slice(0, 9)).toEqual([
      'p:obs:reading',
      'p:obs:hazard',
      'p:offline',
      'p:state:reading',
      'p:telemetry',
      'p:count',
      'p:hist:a:s1',
      'p:obs:offline',
      'p:hist:a:s2',
    ]);
    expect(encoded.arguments.slice(0, 2 + 9 + 20 + 6)).toEqual([
      ...['2', '2'],
      ...['1', '2', '3', '4', '5', '100', '6', 'reading', '10'],
      ...['a:s1', '5', '4', 'a:h', '9', '-', '{"id":"a:s1"}', '7', '[5,1]', '0'],
      ...['a:s2', '6', '5', 'a:h', '9', '-', '{"id":"a:s2"}', '9', '[6,1]', '1'],
      ...['0', '', '0', '', '1', '0'],
    ]);
  });

  it('keeps two units of one entity in the general form, so they run in order', () => {
    const readingUnit = (ts: number, expected: number | null): CommitUnit => ({
      guard: { obsKey: 'p:obs:reading', id: 'a:s1', ts, expected },
      checks: [
        { key: 'p:obs:hazard', field: 'a:h', value: '9' },
        { key: 'p:offline', field: 'a:s1', value: null },
      ],
      ops: [
        {
          op: 'telemetry',
          key: 'p:state:reading',
          stream: 'p:telemetry',
          maxlen: 100,
          name: 'reading',
          value: '{}',
        },
        { op: 'push', key: 'p:hist:a:s1', maxlen: 10, members: [`[${ts},1]`] },
      ],
    });
    const encoded = encodeBatch([readingUnit(10, null), readingUnit(11, 10)]);
    expect(encoded.arguments.slice(0, 2)).toEqual(['2', '0']);
    expect(encoded.order).toEqual([0, 1]);
  });

  it('refuses a checked value it could not tell from absent or present', () => {
    expect(() =>
      encodeBatch([{ checks: [{ key: 'k', field: 'f', value: '-' }], ops: [] }]),
    ).toThrow(/means absent/);
    expect(() =>
      encodeBatch([{ checks: [{ key: 'k', field: 'f', value: '+' }], ops: [] }]),
    ).toThrow(/'\+' present/);
  });

  it('spells a check that a field is present, whatever it holds, +', () => {
    const encoded = encodeBatch([
      { checks: [{ key: 'p:obs:resource', field: 'a:u1', present: true }], ops: [] },
    ]);
    expect(encoded.arguments).toEqual(['1', '0', '0', '', '0', '', '0', '1', '1', 'a:u1', '+']);
  });

  it('reads a batch entry only when its field b holds a JSON array', () => {
    expect(readBatchEntry({ b: '[{"a":1},{"b":2}]' })).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => readBatchEntry({ e: '{}' })).toThrow(/no field b/);
    expect(() => readBatchEntry({ b: 'null' })).toThrow(/not an array/);
  });
});
