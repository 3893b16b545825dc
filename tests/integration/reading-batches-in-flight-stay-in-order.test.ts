import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics, type Alarm, type FeedKind, type Reading } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { createPipeline, type Summary } from '../../ingest/src/pipeline';
import { createStoredState } from '../../ingest/src/feeds/stored';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { quietLog } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

const AGENCY = 'ent-pipe';
const SENSOR = `${AGENCY}:tank-farm-1-lt1`;

/**
 * Two batches are in flight: the second evaluates its readings on what the first is about to
 * write (the state this worker cached), before the first is stored. Whatever moved meanwhile
 * (here: the hazard's thresholds, changed by a newer registration) must fail both writes in
 * Redis and redo them in order, on the state in force: the first reading raises its alarm at
 * the new thresholds, the second clears it.
 */
describe('reading batches in flight one behind the other', () => {
  const iso = isolate('in-flight');
  const keys = createKeys(iso.prefix);
  const topics = createTopics(iso.topicRoot);
  const topic = (kind: FeedKind) => topics.feed(AGENCY, kind);
  let redis: Redis;
  let pipeline: ReturnType<typeof createPipeline>;
  const t0 = Date.now() - 60_000;

  const message = (kind: FeedKind, body: unknown) => ({
    topic: topic(kind),
    payload: Buffer.from(JSON.stringify(body)),
  });
  const hazard = (high: number, highHigh: number, ts: number) => {
    const h = hazardMessage('tank-farm-1', new Date(ts).toISOString());
    return { ...h, sensors: [{ ...h.sensors[0]!, thresholds: { high, highHigh, deadband: 2 } }] };
  };

  beforeAll(async () => {
    redis = await connectRedis();
    pipeline = createPipeline({
      ctx: {
        redis,
        keys,
        config: {
          MAX_FUTURE_SKEW_S: 60,
          EVENTS_MAXLEN: 10_000,
          TELEMETRY_MAXLEN: 10_000,
          SERIES_MAXLEN: 1_000,
        },
        log: quietLog,
        now: Date.now,
        stored: createStoredState(),
      },
      topics,
      maxPayloadBytes: 256 * 1024,
      rejectsMaxlen: 1_000,
      notify: () => {},
    });
  });
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  const applied = (s: Summary) => s.applied;

  it('redoes both on the state in force, the first before the second', async () => {
    await pipeline.handleBatch([message('hazard', hazard(85, 95, t0))]);
    // Known to the worker from now on: the next batches evaluate on its cached state.
    const [first] = await pipeline.handleBatch([
      message('sensor', reading('tank-farm-1-lt1', 50, t0 + 1_000)),
    ]);
    expect(first!.applied).toBe(1);
    // Lower thresholds, registered behind the worker's back (as by another worker).
    await pipeline.handleBatch([message('hazard', hazard(40, 45, t0 + 1_500))]);

    let sent: () => void = () => {};
    const firstSent = new Promise<void>((resolve) => (sent = resolve));
    const a = pipeline.handleBatch(
      [message('sensor', reading('tank-farm-1-lt1', 50, t0 + 2_000))],
      { readAfter: Promise.resolve(), writeAfter: Promise.resolve(), sent },
    );
    const b = pipeline.handleBatch(
      [message('sensor', reading('tank-farm-1-lt1', 30, t0 + 3_000))],
      { readAfter: firstSent, writeAfter: a.then(() => {}), sent: () => {} },
    );
    const [[sa], [sb]] = await Promise.all([a, b]);
    expect([applied(sa!), applied(sb!)]).toEqual([1, 1]);

    const latest = JSON.parse((await redis.hGet(keys.state('reading'), SENSOR))!) as Reading;
    expect(latest).toMatchObject({ ts: t0 + 3_000, value: 30, level: 'normal' });
    // The telemetry stream holds the readings in order; the events, the alarm raised at the
    // thresholds in force (50 > 45: high-high) and then cleared.
    const telemetry = (await redis.xRange(keys.telemetry, '-', '+')) ?? [];
    expect(
      telemetry.map((e) => (JSON.parse(e.message.e!) as { reading: Reading }).reading.ts),
    ).toEqual([t0 + 1_000, t0 + 2_000, t0 + 3_000]);
    const events = (await redis.xRange(keys.events, '-', '+')) ?? [];
    const alarms = events
      .map((e) => JSON.parse(e.message.e!) as { kind: string; data: Alarm })
      .filter((e) => e.kind === 'alarm')
      .map((e) => [e.data.status, e.data.level, e.data.updatedAt]);
    expect(alarms).toEqual([
      ['active', 'HH', t0 + 2_000],
      ['cleared', 'HH', t0 + 3_000],
    ]);
  });

  it('lets the next batch go only once every step of the one before is sent', async () => {
    // A batch is written in steps when an agency's events sit between its telemetry: positions,
    // then the status change, then positions again. The next batch, which reads once this one
    // is sent, must not start before the last step.
    const vehicle = (ts: number, status?: string) => ({
      id: 'XB-FE-09',
      ts: new Date(ts).toISOString(),
      location: { type: 'Point', coordinates: [119.95, 31.98] },
      ...(status ? { type: 'fire_engine', name: '3 号水罐车', status } : {}),
    });
    const t = t0 + 10_000;
    await pipeline.handleBatch([message('resource', vehicle(t, 'available'))]);
    let sent: () => void = () => {};
    const firstSent = new Promise<void>((resolve) => (sent = resolve));
    const a = pipeline.handleBatch(
      [
        message('resource', vehicle(t + 1_000)),
        message('resource', vehicle(t + 1_500, 'en_route')),
        message('resource', vehicle(t + 2_000)),
      ],
      { readAfter: Promise.resolve(), writeAfter: Promise.resolve(), sent },
    );
    const b = pipeline.handleBatch([message('resource', vehicle(t + 3_000))], {
      readAfter: firstSent,
      writeAfter: a.then(() => {}),
      sent: () => {},
    });
    const [done, [last]] = await Promise.all([a, b]);
    expect([...done, last!].map(applied)).toEqual([1, 1, 1, 1]);
    const telemetry = (await redis.xRange(keys.telemetry, '-', '+')) ?? [];
    const positions = telemetry
      .map((e) => JSON.parse(e.message.e!) as { position?: { ts: number } })
      .flatMap((e) => (e.position ? [e.position.ts] : []));
    expect(positions).toEqual([t + 1_000, t + 2_000, t + 3_000]);
  });
});
