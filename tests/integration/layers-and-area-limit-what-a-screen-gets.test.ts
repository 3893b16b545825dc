import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';

describe('a screen that subscribes to some layers or an area', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('layers', BROKERS[0]!);
    server = await startTestServer(h.iso, { TELEMETRY_HZ: '20' });
    await h.publish('sensor', reading(LT, 50, Date.now() - 60_000));
    await waitFor(() => h.reading(LT), 'first reading');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('gets only those kinds, and still learns how far the stream has gone', async () => {
    const screen = await connectAs(server, { layers: ['hazard', 'alarm'] });
    const all = await connectAs(server);
    const snapshot = await waitFor(() => screen.received.snapshots[0], 'snapshot');
    expect(snapshot.hazards).toHaveLength(1);
    expect(snapshot.readings).toHaveLength(1);
    await waitFor(() => all.received.snapshots[0], 'snapshot of the unfiltered screen');

    await h.publish('incident', { ...INCIDENT_EXAMPLE, ts: new Date().toISOString() });
    await h.publish('sensor', reading(LT, 97, Date.now() - 30_000));
    await waitFor(() => all.received.events.length >= 2, 'incident and alarm events');
    await waitFor(() => screen.received.events.length >= 1, 'the alarm event');

    expect(all.received.events.map((e) => e.kind).sort()).toEqual(['alarm', 'incident']);
    expect(screen.received.events.map((e) => e.kind)).toEqual(['alarm']);
    screen.close();
    all.close();
  });

  it('gets telemetry only from inside its box, as every screen with the same box does', async () => {
    const far = await connectAs(server, { bbox: [100, 20, 101, 21] });
    const near = await connectAs(server, { bbox: [119.5, 31.5, 120.5, 32.5] });
    // Same box, layers in another order: the same subscription, served as one group.
    const alsoNear = await connectAs(server, {
      layers: ['alarm', 'hazard'],
      bbox: [119.5, 31.5, 120.5, 32.5],
    });
    const nearToo = await connectAs(server, {
      layers: ['hazard', 'alarm'],
      bbox: [119.5, 31.5, 120.5, 32.5],
    });
    const screens = [far, near, alsoNear, nearToo];
    await waitFor(() => screens.every((s) => s.received.snapshots[0]), 'snapshots');
    const ts = Date.now() - 10_000;
    await h.publish('sensor', reading(LT, 60, ts));
    for (const screen of [near, alsoNear, nearToo]) {
      await waitFor(() => screen.received.readings.some((r) => r.ts === ts), 'reading in the box');
    }
    expect(far.received.readings.some((r) => r.ts === ts)).toBe(false);
    for (const screen of screens) screen.close();
  });
});
