import { describe, expect, it } from 'vitest';
import { expiredTombstones } from '../../ingest/src/sweepers/prune';

describe('tombstones of removed entities', () => {
  it('expire once older than the cutoff, and never while the entity is stored', () => {
    const obs = { 'a:cancelled': '1000', 'a:recent': '5000', 'a:stored': '10' };
    expect(expiredTombstones(obs, new Set(['a:stored']), 2000)).toEqual([
      { id: 'a:cancelled', ts: 1000 },
    ]);
    expect(expiredTombstones(obs, new Set(), 1000)).toEqual([{ id: 'a:stored', ts: 10 }]);
  });
});
