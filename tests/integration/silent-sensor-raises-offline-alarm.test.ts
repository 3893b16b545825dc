import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alarm } from '@cc/shared';
import type { RunningIngest } from '../../ingest/src/ingest';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { hazardMessage, reading } from '../helpers/fixtures';
import { startTestIngest } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/** An agency of its own, so the harness's (long silent) hazard does not mix in. */
const QUIET = 'ent-quiet';
const HAZARD = 'quiet-farm';
const [A, B] = [`${HAZARD}-lt1`, `${HAZARD}-gas1`];
const INTERVAL_MS = 1_000;
const OFFLINE_MS = 3 * INTERVAL_MS;

describe.each(BROKERS)('on $name: a silent sensor or feed', (broker) => {
  let h: FeedHarness;
  let workers: RunningIngest[] = [];
  const last: Record<string, number> = {};
  let pumping = new Set<string>();
  let pump: NodeJS.Timeout | undefined;

  const send = async (local: string) => {
    const ts = Date.now();
    await h.pub.publishAsync(
      `${h.iso.topicRoot}/${QUIET}/sensor`,
      JSON.stringify(reading(local, 0.5, ts)),
      { qos: 1 },
    );
    last[local] = ts;
  };
  const alarms = async () =>
    Object.values(await h.redis.hGetAll(h.keys.state('alarm')))
      .map((json) => Alarm.parse(JSON.parse(json)))
      .filter((a) => a.agency === QUIET && a.cause === 'offline');
  const alarmEvents = async () =>
    (await h.events()).flatMap((e) =>
      e.kind === 'alarm' && e.op === 'upsert' && e.data.cause === 'offline' ? [e.data] : [],
    );

  beforeAll(async () => {
    h = await startFeedHarness('liveness', broker);
    // Two workers sweeping every 100 ms: decisions must still be written once.
    await h.ingest.close();
    for (const n of [1, 2]) {
      workers.push(
        await startTestIngest(h.iso, h.brokerUrl, {
          INGEST_CLIENT_ID: h.iso.clientId(`ingest-${n}`),
          SWEEP_INTERVAL_MS: '100',
          OFFLINE_ALARMS: 'on',
        }),
      );
    }
    const hazard = hazardMessage(HAZARD, new Date().toISOString());
    for (const s of hazard.sensors) s.interval = INTERVAL_MS / 1000;
    await h.pub.publishAsync(
      `${h.iso.topicRoot}/${QUIET}/hazard/${HAZARD}`,
      JSON.stringify(hazard),
      { qos: 1 },
    );
    await waitFor(() => h.redis.hGet(h.keys.state('hazard'), `${QUIET}:${HAZARD}`), 'hazard');
    pumping = new Set([A, B]);
    pump = setInterval(() => {
      for (const s of pumping) void send(s);
    }, 250);
  });
  afterAll(async () => {
    clearInterval(pump);
    for (const w of workers) await w.close();
    workers = [];
    await h.stop();
  });

  it('raises an offline alarm for a sensor silent three intervals, and its reading clears it', async () => {
    await new Promise((r) => setTimeout(r, 600));
    expect(await alarms()).toEqual([]);
    pumping.delete(B);
    await new Promise((r) => setTimeout(r, 300));
    const silentSince = last[B]!;

    const [alarm] = await waitFor(async () => {
      const all = await alarms();
      return all.length > 0 ? all : undefined;
    }, 'offline alarm');
    const seenAfter = Date.now() - silentSince;
    expect(alarm).toMatchObject({
      id: `${QUIET}:${B}@offline@${silentSince}`,
      cause: 'offline',
      level: 'offline',
      status: 'active',
      agency: QUIET,
      sensorId: `${QUIET}:${B}`,
      hazardId: `${QUIET}:${HAZARD}`,
      metric: 'toxic_ppm',
      unit: 'ppm',
      raisedAt: silentSince + OFFLINE_MS,
    });
    expect(seenAfter).toBeGreaterThan(OFFLINE_MS);
    expect(seenAfter).toBeLessThan(OFFLINE_MS + 1_000);
    expect(await alarms()).toHaveLength(1);

    await send(B);
    await waitFor(async () => (await alarms()).length === 0, 'offline alarm cleared');
    const events = (await alarmEvents()).filter((a) => a.id === alarm!.id);
    expect(events.map((a) => a.status)).toEqual(['active', 'cleared']);
    expect(events[1]).toMatchObject({ clearedAt: last[B] });
    expect(await h.redis.hGet(h.keys.offline, `${QUIET}:${B}`)).toBeNull();
  });

  it('raises one feed-level alarm for a whole silent feed, cleared when a sensor reports', async () => {
    pumping.clear();
    await new Promise((r) => setTimeout(r, 300));
    const since = Math.max(last[A]!, last[B]!);

    const [feed] = await waitFor(async () => {
      const all = await alarms();
      return all.some((a) => a.sensorId === undefined) ? all : undefined;
    }, 'feed offline alarm');
    expect(feed).toMatchObject({
      id: `${QUIET}@offline@${since}`,
      agency: QUIET,
      cause: 'offline',
    });
    expect(feed!.sensorId).toBeUndefined();
    expect(feed!.hazardId).toBeUndefined();
    // Several sweeps by two workers later: still one alarm, raised once.
    await new Promise((r) => setTimeout(r, 500));
    expect(await alarms()).toEqual([feed]);
    expect((await alarmEvents()).filter((a) => a.id === feed!.id)).toHaveLength(1);

    // One sensor reports: the feed is back; the other, still silent, gets its own alarm.
    await send(A);
    const after = await waitFor(async () => {
      const all = await alarms();
      return all.length === 1 && all[0]!.sensorId ? all : undefined;
    }, 'feed alarm cleared');
    expect(after[0]).toMatchObject({ sensorId: `${QUIET}:${B}` });
    const feedEvents = (await alarmEvents()).filter((a) => a.id === feed!.id);
    expect(feedEvents.map((a) => a.status)).toEqual(['active', 'cleared']);
  });

  it('watches a sensor on the terms of its latest registration, made after the sweeps began', async () => {
    // The sweepers keep every definition between passes; a hazard version must reach them.
    const LATE = 'ent-late';
    const farm = 'late-farm';
    const register = async (intervalS: number, ts: number) => {
      const hazard = hazardMessage(farm, new Date(ts).toISOString());
      hazard.sensors = hazard.sensors.slice(0, 1);
      hazard.sensors[0]!.interval = intervalS;
      await h.pub.publishAsync(
        `${h.iso.topicRoot}/${LATE}/hazard/${farm}`,
        JSON.stringify(hazard),
        { qos: 1 },
      );
      await waitFor(async () => {
        const json = await h.redis.hGet(h.keys.state('hazard'), `${LATE}:${farm}`);
        return json && (JSON.parse(json) as { ts: number }).ts === ts ? json : undefined;
      }, 'hazard stored');
    };
    const lateAlarms = async () =>
      Object.values(await h.redis.hGetAll(h.keys.state('alarm')))
        .map((json) => Alarm.parse(JSON.parse(json)))
        .filter((a) => a.agency === LATE);

    const first = Date.now() - 1_000;
    await register(3_600, first);
    // Many sweeps know it by now, silent for an hour at most: no alarm.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(await lateAlarms()).toEqual([]);

    // Re-registered with a 1 s interval: silent since this registration, offline 3 s after it.
    const again = Date.now();
    await register(1, again);
    const [alarm] = await waitFor(async () => {
      const all = await lateAlarms();
      return all.length > 0 ? all : undefined;
    }, 'offline alarm on the new interval');
    expect(alarm).toMatchObject({ id: `${LATE}@offline@${again}`, cause: 'offline' });
    expect(Date.now() - again).toBeLessThan(3_000 + 2_000);
  });
});
