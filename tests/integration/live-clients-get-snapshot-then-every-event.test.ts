import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds, type Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';

describe('live clients', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let t = Date.now() - 600_000;
  /** Publishes a reading that crosses a threshold, i.e. causes exactly one alarm event. */
  let high = false;
  const toggleAlarm = async () => {
    high = !high;
    t += 1000;
    await h.publish('sensor', reading(LT, high ? 97 : 50, t));
    await waitFor(async () => (await h.reading(LT))?.ts === t, 'reading stored');
  };

  beforeAll(async () => {
    h = await startFeedHarness('live', BROKERS[0]!);
    server = await startTestServer(h.iso, { TELEMETRY_HZ: '20' });
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('get a snapshot tagged with its event id, then every later event once, in order', async () => {
    const a = await connectAs(server);
    const snapshot = await waitFor(() => a.received.snapshots[0], 'snapshot');
    expect(snapshot.hazards.map((x) => x.id)).toEqual([`${h.agency}:tank-farm-1`]);
    const lastId = (await h.redis.xRevRange(h.keys.events, '+', '-', { COUNT: 1 }))?.[0]?.id;
    expect(snapshot.eventId).toBe(lastId);

    for (let i = 0; i < 6; i++) await toggleAlarm();
    await waitFor(() => a.received.events.length >= 6, 'six live events');
    const ids = a.received.events.map((e) => e.id);
    expect(ids.every((id) => compareStreamIds(id, snapshot.eventId) > 0)).toBe(true);
    expect([...ids].sort(compareStreamIds)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      a.received.events.map((e) => e.kind === 'alarm' && e.op === 'upsert' && e.data.status),
    ).toEqual(['active', 'cleared', 'active', 'cleared', 'active', 'cleared']);
    await waitFor(() => a.received.readings.some((r) => r.ts === t), 'latest reading in a frame');
    a.close();
  });

  it('resume from the last id they applied with exactly the events they missed', async () => {
    const a = await connectAs(server);
    await waitFor(() => a.received.snapshots[0], 'snapshot');
    await toggleAlarm();
    const applied = await waitFor(() => a.received.events[0], 'an event');
    a.close();

    for (let i = 0; i < 5; i++) await toggleAlarm();
    const missed = ((await h.redis.xRange(h.keys.events, `(${applied.id}`, '+')) ?? []).map(
      (m) => m.id,
    );
    expect(missed).toHaveLength(5);

    const b = await connectAs(server, { since: applied.id });
    await waitFor(() => b.received.events.length >= 5, 'replayed events');
    await toggleAlarm();
    await waitFor(() => b.received.events.length >= 6, 'a live event after the replay');
    expect(b.received.snapshots).toEqual([]);
    expect(b.received.events.slice(0, 5).map((e) => e.id)).toEqual(missed);
    expect(b.received.events).toHaveLength(6);
    // Telemetry is not replayed: current readings come at once instead.
    expect(b.received.readings.length).toBeGreaterThan(0);
    b.close();
  });

  it('get a snapshot when the events after their id were trimmed away', async () => {
    const c = await connectAs(server, { since: '1-0' });
    const snapshot: Snapshot = await waitFor(() => c.received.snapshots[0], 'snapshot');
    expect(snapshot.alarms.length + snapshot.hazards.length).toBeGreaterThan(0);
    c.close();
  });

  it('serve the same snapshot over REST, and report ready', async () => {
    const snapshot = (await (await api(server, '/api/v1/snapshot', 'viewer')).json()) as Snapshot;
    expect(snapshot.hazards).toHaveLength(1);
    expect(snapshot.readings.map((r) => r.id).sort()).toEqual([`${h.agency}:${LT}`]);
    // Ready once ingest's liveness record says its broker session is up (written every second).
    let ready = await fetch(`${server.url}/readyz`);
    await waitFor(async () => {
      ready = await fetch(`${server.url}/readyz`);
      return ready.status === 200;
    }, 'ready');
    expect(await ready.json()).toMatchObject({ checks: { redis: true, streamTail: true } });
  });
});
