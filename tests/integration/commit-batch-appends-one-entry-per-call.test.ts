import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitBatch,
  createKeys,
  historyPoints,
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

  it('stores a telemetry value as the unit’s state and appends it wrapped in its name', async () => {
    const state = `${iso.prefix}state`;
    const stream = `${iso.prefix}tel`;
    const count = `${iso.prefix}tel:added`;
    const unit = (id: string, ts: number): CommitUnit => ({
      guard: { obsKey: `${iso.prefix}obs:t`, id, ts },
      ops: [
        {
          op: 'telemetry',
          key: state,
          stream,
          maxlen: 100,
          countKey: count,
          name: 'reading',
          value: `{"id":"${id}","ts":${ts}}`,
        },
      ],
    });
    const results = await commitBatch(redis, [unit('s1', 2), unit('s2', 2), unit('s1', 1)]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'stale']);
    expect(await redis.hGetAll(state)).toEqual({
      s1: '{"id":"s1","ts":2}',
      s2: '{"id":"s2","ts":2}',
    });
    const entries = (await redis.xRange(stream, '-', '+')) ?? [];
    expect(entries.map((e) => readBatchEntry(e.message))).toEqual([
      [{ reading: { id: 's1', ts: 2 } }, { reading: { id: 's2', ts: 2 } }],
    ]);
    expect(await redis.get(count)).toBe('2');
  });

  it('writes a sensor’s new reading in the compact form as the general one would, statuses in order', async () => {
    const p = `${iso.prefix}r:`;
    await redis.hSet(`${p}obs:hazard`, 'a:h', '9');
    await redis.hSet(`${p}offline`, 'a:s3', 'off-1');
    await redis.hSet(`${p}obs:reading`, 'a:s2', '10');
    const readingUnit = (id: string, ts: number, hazardObs = '9'): CommitUnit => ({
      guard: { obsKey: `${p}obs:reading`, id, ts, expected: null },
      checks: [
        { key: `${p}obs:hazard`, field: 'a:h', value: hazardObs },
        { key: `${p}offline`, field: id, value: null },
      ],
      ops: [
        {
          op: 'telemetry',
          key: `${p}state:reading`,
          stream: `${p}telemetry`,
          maxlen: 100,
          countKey: `${p}added`,
          name: 'reading',
          value: `{"id":"${id}","ts":${ts}}`,
        },
        { op: 'push', key: `${p}hist:${id}`, maxlen: 10, members: [`[${ts},1]`] },
      ],
    });
    const results = await commitBatch(redis, [
      readingUnit('a:s1', 20),
      { ops: [{ op: 'hset', key: `${p}obs:offline`, field: 'a', value: '20' }] },
      readingUnit('a:s2', 5),
      readingUnit('a:s3', 20),
      readingUnit('a:s4', 20, '8'),
    ]);
    expect(results).toEqual([
      { status: 'ok' },
      { status: 'ok' },
      { status: 'stale', stored: 10 },
      { status: 'conflict', stored: null },
      { status: 'conflict', stored: null },
    ]);
    expect(await redis.hGetAll(`${p}state:reading`)).toEqual({ 'a:s1': '{"id":"a:s1","ts":20}' });
    expect(await redis.hGetAll(`${p}obs:reading`)).toEqual({ 'a:s1': '20', 'a:s2': '10' });
    expect(await redis.hGetAll(`${p}obs:offline`)).toEqual({ a: '20' });
    const entries = (await redis.xRange(`${p}telemetry`, '-', '+')) ?? [];
    expect(entries.map((e) => readBatchEntry(e.message))).toEqual([
      [{ reading: { id: 'a:s1', ts: 20 } }],
    ]);
    expect(await redis.get(`${p}added`)).toBe('1');
    expect(await redis.lRange(`${p}hist:a:s1`, 0, -1)).toEqual(['[20,1]']);
    for (const id of ['a:s2', 'a:s3', 'a:s4']) expect(await redis.exists(`${p}hist:${id}`)).toBe(0);
    // The same sensor again, newer, expecting what is stored: written, its history pushed.
    const again = await commitBatch(redis, [
      {
        ...readingUnit('a:s1', 21),
        guard: { obsKey: `${p}obs:reading`, id: 'a:s1', ts: 21, expected: 20 },
      },
    ]);
    expect(again).toEqual([{ status: 'ok' }]);
    expect(await redis.lRange(`${p}hist:a:s1`, 0, -1)).toEqual(['[20,1]', '[21,1]']);
  });

  it('pushes on a list, leaves it untrimmed when told and keeps its newest maxlen otherwise', async () => {
    const series = keys.series('x');
    const push = (from: number, trim: boolean): CommitUnit => ({
      ops: [
        {
          op: 'push',
          key: series,
          maxlen: 3,
          trim,
          members: [0, 1].map((k) => String(from + k)),
        },
      ],
    });
    await commitBatch(redis, [push(0, false), push(2, false)]);
    expect(await redis.lLen(series)).toBe(4);
    await commitBatch(redis, [push(4, true)]);
    expect(await redis.lRange(series, 0, -1)).toEqual(['3', '4', '5']);
  });

  it('pushes an if-absent member only when the list does not hold it, and nothing for a refused unit', async () => {
    const series = keys.series('y');
    const late = (id: string, ts: number, members: string[], ifAbsent: string[]): CommitUnit => ({
      guard: { obsKey: obs, id, ts },
      ops: [{ op: 'push', key: series, maxlen: 10, members, ifAbsent }],
    });
    await commitBatch(redis, [late('y', 10, ['[9,1]', '[10,2]'], [])]);
    // A message delivered again: its newest reading is stale, nothing of it is written.
    const again = await commitBatch(redis, [late('y', 10, ['[10,2]'], [])]);
    expect(again.map((r) => r.status)).toEqual(['stale']);
    // Its older reading goes as a late point: there already, pushed again never; a new one is.
    await commitBatch(redis, [
      { ops: [{ op: 'push', key: series, maxlen: 10, members: [], ifAbsent: ['[9,1]', '[8,5]'] }] },
    ]);
    expect(await redis.lRange(series, 0, -1)).toEqual(['[9,1]', '[10,2]', '[8,5]']);
    expect(historyPoints(await redis.lRange(series, 0, -1))).toEqual([
      { ts: 8, value: 5 },
      { ts: 9, value: 1 },
      { ts: 10, value: 2 },
    ]);
  });
});
