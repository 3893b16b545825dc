import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { Inbound, Pipeline } from '../../ingest/src/pipeline';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { createTestPipeline } from '../helpers/pipeline';
import { connectRedis, dropPrefix } from '../helpers/redis';

/**
 * What ingest's pipeline spends on a refused message against an accepted one, both warm, on a
 * real Redis: batches of 1,000 one-reading messages, valid, or refused (half cut off, half without
 * a time). A refusal used to be an XADD round trip of its own, with stack traces captured for the
 * parser's, zod's and its own error: six to eight times an acceptance, so one agency's burst of
 * bad messages held up everyone's. Now a batch's refusals are recorded with one script call and
 * no stack is captured: about what an acceptance costs. Figures printed; the bound is generous.
 */
const BATCH = 1_000;
const ROUNDS = 12;
const MEASURED = 8;

describe('the reject path', () => {
  const iso = isolate('reject-cost');
  const keys = createKeys(iso.prefix);
  const topics = createTopics(iso.topicRoot);
  let redis: Redis;
  let sent = 0;
  let pipeline: Pipeline;
  const hazard = hazardMessage('cost-1', new Date(Date.now() - 7_200_000).toISOString());

  beforeAll(async () => {
    redis = await connectRedis();
    pipeline = createTestPipeline({
      redis,
      keys,
      topics,
      rejectsMaxlen: 100_000,
      // As ingest does: the notice's JSON goes out as the payload.
      notify: (_topic, notice, json?: string) => {
        sent += (json ?? JSON.stringify(notice)).length > 0 ? 1 : 0;
      },
    });
    await pipeline.handle(topics.feed('ent-cost', 'hazard'), Buffer.from(JSON.stringify(hazard)));
  });
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  const message = (payload: string): Inbound => ({
    topic: topics.feed('ent-cost', 'sensor'),
    payload: Buffer.from(payload),
  });
  const t0 = Date.now() - 3_600_000;
  let n = 0;
  const sensors = hazard.sensors.map((s) => s.id);

  /** CPU µs per message of `rounds` batches made by `make`, the last `MEASURED` counted. */
  async function cost(make: () => Inbound[]): Promise<number> {
    let cpu = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const batch = make();
      const c0 = process.cpuUsage();
      await pipeline.handleBatch(batch);
      const c = process.cpuUsage(c0);
      if (r >= ROUNDS - MEASURED) cpu += c.user + c.system;
    }
    return cpu / (MEASURED * BATCH);
  }

  it('costs about what the same number of acceptances does', async () => {
    const accepted = await cost(() =>
      Array.from({ length: BATCH }, () => {
        n++;
        return message(JSON.stringify(reading(sensors[n % sensors.length]!, 50, t0 + n * 10)));
      }),
    );
    const refused = await cost(() =>
      Array.from({ length: BATCH }, (_, m) =>
        message(
          m % 2 === 0
            ? `{"id": "${sensors[0]}", "value": ${m}`
            : JSON.stringify({ id: sensors[0], value: m }),
        ),
      ),
    );
    process.stdout.write(
      `ingest's pipeline, warm: ${accepted.toFixed(1)} µs per accepted reading, ` +
        `${refused.toFixed(1)} µs per refused message\n`,
    );
    // Every refusal recorded and announced.
    expect(await redis.xLen(keys.rejects)).toBe(ROUNDS * BATCH);
    expect(sent).toBe(ROUNDS * BATCH);
    expect(refused).toBeLessThan(2 * accepted);
  }, 120_000);
});
