import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitBatch,
  createKeys,
  readBatchEntry,
  type CommitUnit,
  type Redis,
} from '@cc/shared/node';
import { isolate } from '../helpers/isolation';
import { connectRedis, dropPrefix } from '../helpers/redis';

/**
 * Telemetry goes to its stream one entry per script call, not one per reading: the values of
 * the units written, in order, counted; a unit refused by its guard adds nothing.
 */
describe('commit-batch append and trim', () => {
  const iso = isolate('commit-batch-append');
  const keys = createKeys(iso.prefix);
  const stream = `${iso.prefix}log`;
  const counter = `${iso.prefix}log:added`;
  const obs = keys.obs('reading');
  let redis: Redis;

  beforeAll(async () => {
    redis = await connectRedis();
  });
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  const unit = (id: string, ts: number): CommitUnit => ({
    guard: { obsKey: obs, id, ts },
    ops: [
      { op: 'append', key: stream, maxlen: 1_000, countKey: counter, value: `{"${id}":${ts}}` },
    ],
  });

  it('adds one entry per call holding the written units’ values in order, and counts them', async () => {
    const first = await commitBatch(redis, [unit('a', 5), unit('b', 5), unit('a', 6)]);
    expect(first.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    // `a` at 4 is older than what is stored: refused, nothing appended for it.
    const second = await commitBatch(redis, [unit('a', 4), unit('c', 1)]);
    expect(second.map((r) => r.status)).toEqual(['stale', 'ok']);

    const entries = (await redis.xRange(stream, '-', '+')) ?? [];
    expect(entries.map((e) => readBatchEntry(e.message))).toEqual([
      [{ a: 5 }, { b: 5 }, { a: 6 }],
      [{ c: 1 }],
    ]);
    expect(await redis.get(counter)).toBe('4');
    // A call whose every unit is refused adds no entry at all.
    await commitBatch(redis, [unit('a', 1)]);
    expect(await redis.xLen(stream)).toBe(2);
    expect(await redis.get(counter)).toBe('4');
  });

  it('leaves a sorted set untrimmed when told, and trims it to maxlen otherwise', async () => {
    const series = keys.series('x');
    const add = (from: number, trim: boolean): CommitUnit => ({
      ops: [
        {
          op: 'zaddMany',
          key: series,
          maxlen: 3,
          trim,
          members: [0, 1].map((k) => ({ score: from + k, member: String(from + k) })),
        },
      ],
    });
    await commitBatch(redis, [add(0, false), add(2, false)]);
    expect(await redis.zCard(series)).toBe(4);
    await commitBatch(redis, [add(4, true)]);
    expect(await redis.zRange(series, 0, -1)).toEqual(['3', '4', '5']);
  });
});
