import { performance } from 'node:perf_hooks';
import * as node from '@cc/shared/node';
import { commit, createKeys, type CommitOp, type CommitUnit, type Redis } from '@cc/shared/node';

/**
 * Redis on its own, from the same run: how fast it takes ingest's write pattern when nothing
 * else (MQTT, validation, evaluation) is in the way. Keys under their own prefix, removed after.
 */
export async function benchRedisRaw(redis: Redis, prefix: string, readings: number) {
  const keys = createKeys(`${prefix}raw:`);
  const sensors = 2_000;
  const reading = (i: number) => ({ id: `ent:s${i % sensors}`, ts: 1_000_000 + i, value: i });

  // 1. A plain pipelined XADD with approximate trimming, 1,000 in flight.
  let started = performance.now();
  for (let i = 0; i < readings; i += 1_000) {
    await Promise.all(
      Array.from({ length: 1_000 }, (_, j) =>
        redis.xAdd(
          keys.telemetry,
          '*',
          { e: JSON.stringify({ reading: reading(i + j) }) },
          { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 200_000 } },
        ),
      ),
    );
  }
  const xadd = readings / ((performance.now() - started) / 1000);

  // 2. One guarded commit script per reading (ingest's write before batching), 1,000 in flight.
  started = performance.now();
  for (let i = 0; i < readings; i += 1_000) {
    await Promise.all(
      Array.from({ length: 1_000 }, (_, j) => {
        const r = reading(i + j);
        const ops: CommitOp[] = [
          { op: 'hset', key: keys.state('reading'), field: r.id, value: JSON.stringify(r) },
          {
            op: 'xadd',
            key: keys.telemetry,
            maxlen: 200_000,
            value: JSON.stringify({ reading: r }),
          },
          {
            op: 'zadd',
            key: keys.series(r.id),
            maxlen: 1_000,
            score: r.ts,
            member: `[${r.ts},${r.value}]`,
          },
          { op: 'hset', key: keys.offlineGuard, field: 'ent', value: String(r.ts) },
        ];
        return commit(redis, { obsKey: keys.obs('reading'), id: r.id, ts: r.ts }, ops);
      }),
    );
  }
  const perReading = readings / ((performance.now() - started) / 1000);

  // 3. Ingest's batched write: one commit-batch.lua call per 500 sensors (each one reading).
  // Looked up at run time: the code before the throughput work has no such call.
  let batched = NaN;
  if ('commitBatch' in node) {
    started = performance.now();
    for (let i = 0; i < readings; i += sensors) {
      const units: CommitUnit[] = Array.from({ length: sensors }, (_, j) => {
        const r = reading(i + j);
        return {
          guard: { obsKey: keys.obs('reading'), id: `b${r.id}`, ts: r.ts },
          ops: [
            { op: 'hset', key: keys.state('reading'), field: `b${r.id}`, value: JSON.stringify(r) },
            // As ingest writes telemetry: one stream entry per call, where the code has append ops.
            'readBatchEntry' in node
              ? {
                  op: 'append',
                  key: keys.telemetry,
                  maxlen: 200_000,
                  countKey: keys.telemetryAdded,
                  value: JSON.stringify({ reading: r }),
                }
              : {
                  op: 'xadd',
                  key: keys.telemetry,
                  maxlen: 200_000,
                  value: JSON.stringify({ reading: r }),
                },
            // History as ingest writes it: pushed on a list, where the code has push ops.
            'historyPoints' in node
              ? {
                  op: 'push',
                  key: keys.series(`b${r.id}`),
                  maxlen: 1_000,
                  trim: false,
                  members: [`[${r.ts},${r.value}]`],
                }
              : {
                  op: 'zadd',
                  key: keys.series(`b${r.id}`),
                  maxlen: 1_000,
                  score: r.ts,
                  member: `[${r.ts},${r.value}]`,
                },
          ],
        };
      });
      await node.commitBatch(redis, units);
    }
    batched = readings / ((performance.now() - started) / 1000);
  }

  for await (const found of redis.scanIterator({ MATCH: `${keys.prefix}*`, COUNT: 1000 })) {
    if (found.length > 0) await redis.del(found);
  }
  return {
    'pipelined XADD, 1,000 in flight': xadd,
    'one commit.lua per reading, 1,000 in flight': perReading,
    'commit-batch.lua, 2,000 readings per batch': batched,
  };
}
