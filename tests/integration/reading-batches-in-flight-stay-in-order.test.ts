import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics, type Alarm, type FeedKind, type Reading } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { Summary } from '../../ingest/src/pipeline';
import { createTestPipeline } from '../helpers/pipeline';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { connectRedis, dropPrefix, holdableScripts, readTelemetryReadings } from '../helpers/redis';

const AGENCY = 'ent-pipe';
const SENSOR = `${AGENCY}:tank-farm-1-lt1`;

/**
 * Batches in flight: the first evaluates its readings on the state this worker cached and sends
 * its write; the second evaluates on what the first is about to write and sends its own behind
 * it. What another writer changes before the first write reaches Redis (here: the hazard's
 * thresholds, registered anew) must fail that write in Redis, and the second must be evaluated
 * again after it: the first reading raises its alarm at the thresholds in force, the second
 * clears it. The test holds the batches' script calls to act in between.
 */
describe('reading batches in flight one behind the other', () => {
  const iso = isolate('in-flight');
  const keys = createKeys(iso.prefix);
  const topics = createTopics(iso.topicRoot);
  const topic = (kind: FeedKind) => topics.feed(AGENCY, kind);
  let redis: Redis;
  let scripts: ReturnType<typeof holdableScripts>;
  let pipeline: ReturnType<typeof createTestPipeline>;
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
    scripts = holdableScripts(redis);
    pipeline = createTestPipeline({ redis: scripts.client, keys, topics });
  });
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  const applied = (s: Summary) => s.applied;

  const telemetryTimes = async () =>
    (await readTelemetryReadings(redis, keys.telemetry)).flatMap((r) =>
      r.id === SENSOR ? [r.ts] : [],
    );

  it('writes nothing on thresholds changed between evaluation and write, in order', async () => {
    await pipeline.handleBatch([message('hazard', hazard(85, 95, t0))]);
    // Known to the worker from now on: the next batches evaluate on its cached state.
    const [first] = await pipeline.handleBatch([
      message('sensor', reading('tank-farm-1-lt1', 50, t0 + 1_000)),
    ]);
    expect(first!.applied).toBe(1);

    const { reached, open } = scripts.hold();
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
    // The first batch has evaluated (50 < 85: normal) and sent its write, the second behind
    // it; before they reach Redis, lower thresholds are registered (as by another worker).
    await reached;
    await firstSent;
    await pipeline.handleBatch([message('hazard', hazard(40, 45, t0 + 1_500))]);
    open();
    const [[sa], [sb]] = await Promise.all([a, b]);
    expect([applied(sa!), applied(sb!)]).toEqual([1, 1]);

    const latest = JSON.parse((await redis.hGet(keys.state('reading'), SENSOR))!) as Reading;
    expect(latest).toMatchObject({ ts: t0 + 3_000, value: 30, level: 'normal' });
    expect(await telemetryTimes()).toEqual([t0 + 1_000, t0 + 2_000, t0 + 3_000]);
    // The alarm raised at the thresholds in force (50 > 45: high-high), then cleared.
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

  it('lets the next batch read only once every step of the one before is sent', async () => {
    // A batch is written in steps when an agency's event sits between its readings: readings,
    // then the event (another hazard of the agency), then readings again. The next batch
    // evaluates on what the last step writes, not on what the first did.
    const t = t0 + 10_000;
    let sent: () => void = () => {};
    const firstSent = new Promise<void>((resolve) => (sent = resolve));
    const a = pipeline.handleBatch(
      [
        message('sensor', reading('tank-farm-1-lt1', 10, t + 1_000)),
        message('hazard', hazardMessage('tank-farm-2', new Date(t).toISOString())),
        message('sensor', reading('tank-farm-1-lt1', 11, t + 2_000)),
      ],
      { readAfter: Promise.resolve(), writeAfter: Promise.resolve(), sent },
    );
    const b = pipeline.handleBatch([message('sensor', reading('tank-farm-1-lt1', 12, t + 3_000))], {
      readAfter: firstSent,
      writeAfter: a.then(() => {}),
      sent: () => {},
    });
    const [done, [last]] = await Promise.all([a, b]);
    expect([...done, last!].map(applied)).toEqual([1, 1, 1, 1]);
    expect((await telemetryTimes()).slice(-3)).toEqual([t + 1_000, t + 2_000, t + 3_000]);
  });

  it('refuses the readings of a sensor its hazard removed, and takes them once it is back', async () => {
    const t = t0 + 20_000;
    const withSensors = (ts: number, ...sensors: number[]) => {
      const h = hazardMessage('tank-farm-3', new Date(ts).toISOString());
      return { ...h, sensors: sensors.map((i) => h.sensors[i]!) };
    };
    const lt = 'tank-farm-3-lt1';
    await pipeline.handleBatch([message('hazard', withSensors(t, 0, 1))]);
    const [applied1] = await pipeline.handleBatch([message('sensor', reading(lt, 5, t + 1_000))]);
    expect(applied1!.applied).toBe(1);
    // Removed: even a late reading (history only) of it is refused, though the worker knew it.
    await pipeline.handleBatch([message('hazard', withSensors(t + 2_000, 1))]);
    const [late] = await pipeline.handleBatch([message('sensor', reading(lt, 4, t + 500))]);
    expect(late).toMatchObject({ applied: 0, late: 0, rejected: 1 });
    // Registered again: it starts afresh.
    await pipeline.handleBatch([message('hazard', withSensors(t + 3_000, 0, 1))]);
    const [again] = await pipeline.handleBatch([message('sensor', reading(lt, 6, t + 4_000))]);
    expect(again!.applied).toBe(1);
    const stored = JSON.parse(
      (await redis.hGet(keys.state('reading'), `${AGENCY}:${lt}`))!,
    ) as Reading;
    expect(stored).toMatchObject({ ts: t + 4_000, value: 6 });
  });

  it('clears an offline alarm as it stands, acknowledged between evaluation and write', async () => {
    const t = t0 + 30_000;
    await pipeline.handleBatch([
      message('hazard', hazardMessage('tank-farm-4', new Date(t).toISOString())),
    ]);
    const sensorId = `${AGENCY}:tank-farm-4-lt1`;
    // Silent, as the liveness sweep finds it: an offline alarm and the sensor's index entry.
    const offline: Alarm = {
      id: `${sensorId}@offline@${t}`,
      cause: 'offline',
      agency: AGENCY,
      sensorId,
      hazardId: `${AGENCY}:tank-farm-4`,
      metric: 'level',
      unit: '%',
      status: 'active',
      level: 'offline',
      peak: 'offline',
      raisedAt: t + 15_000,
      updatedAt: t + 15_000,
    };
    await redis.hSet(keys.state('alarm'), offline.id, JSON.stringify(offline));
    await redis.hSet(keys.offline, sensorId, offline.id);

    const { reached, open } = scripts.hold();
    const back = pipeline.handleBatch([
      message('sensor', reading('tank-farm-4-lt1', 20, t + 16_000)),
    ]);
    // Read, evaluated (the reading clears the alarm), its write on the way: now a commander
    // acknowledges the alarm, as the alarm.ack command writes it.
    await reached;
    const acked: Alarm = {
      ...offline,
      updatedAt: t + 15_500,
      acknowledged: { by: '值班长', at: t + 15_500 },
    };
    // One write, as the command's commit is.
    await redis
      .multi()
      .hSet(keys.obs('alarm'), offline.id, String(t + 15_500))
      .hSet(keys.state('alarm'), offline.id, JSON.stringify(acked))
      .exec();
    open();
    const [summary] = await back;
    expect(summary!.applied).toBe(1);

    const events = (await redis.xRange(keys.events, '-', '+')) ?? [];
    const cleared = events
      .map((e) => JSON.parse(e.message.e!) as { kind: string; data: Alarm })
      .filter((e) => e.kind === 'alarm' && e.data.id === offline.id);
    expect(cleared.at(-1)!.data).toMatchObject({
      status: 'cleared',
      clearedAt: t + 16_000,
      acknowledged: { by: '值班长', at: t + 15_500 },
    });
    expect(await redis.hGet(keys.offline, sensorId)).toBeNull();
  });
});
