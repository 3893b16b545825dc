import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeys, prepareBatch, type CommitUnit, type Redis } from '@cc/shared/node';
import { isolate } from '../helpers/isolation';
import { connectRedis, dropPrefix } from '../helpers/redis';

/**
 * A batch too large for one script call goes as several, one per turn of the event loop, so
 * Redis runs one while the next is encoded. They must still land as one ordered write would.
 */
describe('a batch written in several script calls', () => {
  const iso = isolate('commit-batch-calls');
  const keys = createKeys(iso.prefix);
  const stream = `${iso.prefix}log`;
  const obs = keys.obs('reading');
  const state = keys.state('reading');
  let redis: Redis;

  beforeAll(async () => {
    redis = await connectRedis();
  });
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  /** Unit `n` writes entity `e{n % 7}` at time n, expecting the previous time of that entity. */
  const unit = (n: number): CommitUnit => ({
    guard: { obsKey: obs, id: `e${n % 7}`, ts: n, expected: n < 7 ? null : n - 7 },
    ops: [
      { op: 'xadd', key: stream, maxlen: 10_000, value: String(n) },
      { op: 'hset', key: state, field: `e${n % 7}`, value: String(n) },
    ],
  });

  it('writes every call in order, chains guards across calls, and reports each unit', async () => {
    const units = Array.from({ length: 300 }, (_, n) => unit(n));
    // About 10 units per call: some 30 calls.
    const prepared = prepareBatch(units, 100);
    let seenAtQueued: Promise<string | null> | undefined;
    const results = await prepared.send(redis, () => {
      // Queued once every call is: a read sent now runs after all of them.
      seenAtQueued = redis.hGet(state, 'e6');
    });

    expect(results).toHaveLength(300);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    const entries = (await redis.xRange(stream, '-', '+')) ?? [];
    expect(entries.map((e) => Number(e.message.e))).toEqual(units.map((_, n) => n));
    expect(await seenAtQueued).toBe('293');
    // The last unit of each entity: 294…299 for e0…e5, 293 for e6.
    expect(await redis.hGetAll(state)).toEqual(
      Object.fromEntries(
        Array.from({ length: 7 }, (_, e) => [`e${e}`, String(e === 6 ? 293 : 294 + e)]),
      ),
    );
  });

  it('keeps the order when Redis has lost its scripts (as after a restart)', async () => {
    // EVALSHA would fail the first calls with NOSCRIPT and re-send them behind later ones.
    await redis.scriptFlush();
    const units = Array.from({ length: 70 }, (_, n) => ({
      ...unit(n),
      guard: { obsKey: `${obs}:again`, id: `e${n % 7}`, ts: n, expected: n < 7 ? null : n - 7 },
    }));
    // Whether a NOSCRIPT reply races past the next call is timing; that EVALSHA is never sent
    // is not.
    const evalSha = vi.spyOn(redis, 'evalSha');
    const results = await prepareBatch(units, 20).send(redis);
    expect(evalSha).not.toHaveBeenCalled();
    evalSha.mockRestore();
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  });

  it('fails the units whose guard no longer holds, wherever their call falls', async () => {
    // Entities stand at 293…299: an older time is stale; expecting another stored time conflicts.
    const stale = prepareBatch(
      [
        { guard: { obsKey: obs, id: 'e0', ts: 5, expected: 0 }, ops: [] },
        { guard: { obsKey: obs, id: 'e1', ts: 400, expected: 1 }, ops: [] },
        { guard: { obsKey: obs, id: 'e2', ts: 400, expected: 296 }, ops: [] },
      ],
      5,
    );
    expect(await stale.send(redis)).toEqual([
      { status: 'stale', stored: 294 },
      { status: 'conflict', stored: 295 },
      { status: 'ok' },
    ]);
  });

  it('writes a unit only while its checks hold, seeing the writes of the units before it', async () => {
    const versions = `${iso.prefix}versions`;
    await redis.hSet(versions, { h1: '1' });
    const results = await prepareBatch(
      [
        // Holds: h1 is 1, h2 absent.
        {
          guard: { obsKey: obs, id: 'c1', ts: 10, expected: null },
          checks: [
            { key: versions, field: 'h1', value: '1' },
            { key: versions, field: 'h2', value: null },
          ],
          ops: [{ op: 'hset', key: state, field: 'c1', value: 'a' }],
        },
        // Fails: h1 moved on; nothing of it is written, its guard time included.
        {
          guard: { obsKey: obs, id: 'c2', ts: 10, expected: null },
          checks: [{ key: versions, field: 'h1', value: '0' }],
          ops: [
            { op: 'hset', key: state, field: 'c2', value: 'b' },
            { op: 'xadd', key: stream, maxlen: 10_000, value: 'c2' },
          ],
        },
        // Writes h2 (in this call, deferred to its end) ...
        { ops: [{ op: 'hset', key: versions, field: 'h2', value: '7' }] },
        // ... which the next unit's check sees: absent no longer holds, 7 does.
        {
          guard: { obsKey: obs, id: 'c3', ts: 10 },
          checks: [{ key: versions, field: 'h2', value: null }],
          ops: [{ op: 'hset', key: state, field: 'c3', value: 'c' }],
        },
        {
          guard: { obsKey: obs, id: 'c4', ts: 10 },
          checks: [{ key: versions, field: 'h2', value: '7' }],
          ops: [{ op: 'hset', key: state, field: 'c4', value: 'd' }],
        },
      ],
      12,
    ).send(redis);
    expect(results).toEqual([
      { status: 'ok' },
      { status: 'conflict', stored: null },
      { status: 'ok' },
      { status: 'conflict', stored: null },
      { status: 'ok' },
    ]);
    expect(await redis.hmGet(state, ['c1', 'c2', 'c3', 'c4'])).toEqual(['a', null, null, 'd']);
    expect(await redis.hmGet(obs, ['c1', 'c2', 'c3', 'c4'])).toEqual(['10', null, null, '10']);
    const entries = (await redis.xRange(stream, '-', '+')) ?? [];
    expect(entries.some((e) => e.message.e === 'c2')).toBe(false);
  });
});
