import { describe, expect, it } from 'vitest';
import { encodeCommit } from '@cc/shared/node';

describe('commit encoding', () => {
  it('names each key once and refers to it by index', () => {
    const encoded = encodeCommit({ obsKey: 'p:obs:reading', id: 's1', ts: 42, expected: 41 }, [
      { op: 'hset', key: 'p:state:reading', field: 's1', value: '{}' },
      { op: 'xadd', key: 'p:telemetry', maxlen: 100, value: '{"a":1}' },
      { op: 'hdel', key: 'p:state:reading', field: 's0' },
      { op: 'zadd', key: 'p:ts:s1', maxlen: 10, score: 42, member: '[42,1]' },
    ]);
    expect(encoded.keys).toEqual(['p:obs:reading', 'p:state:reading', 'p:telemetry', 'p:ts:s1']);
    expect(encoded.arguments).toEqual([
      's1',
      '42',
      '41',
      'H',
      '2',
      's1',
      '{}',
      'X',
      '3',
      '100',
      '{"a":1}',
      'D',
      '2',
      's0',
      'Z',
      '4',
      '10',
      '42',
      '[42,1]',
    ]);
  });

  it('encodes "nothing stored yet" and "no check" differently', () => {
    expect(encodeCommit({ obsKey: 'o', id: 'x', ts: 1, expected: null }, []).arguments[2]).toBe(
      '-',
    );
    expect(encodeCommit({ obsKey: 'o', id: 'x', ts: 1 }, []).arguments[2]).toBe('');
  });
});
