import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandshakeAuth, Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';
/** Past the sensor's alarm threshold: the reading raises an alarm event. */
const HIGH = 97;

/** Walls, tablets of a command post (two layers), tablets looking at another area. */
const KINDS: HandshakeAuth[] = [{}, { layers: ['hazard', 'alarm'] }, { bbox: [100, 20, 101, 21] }];

/** A snapshot without what differs between two reads of the same picture. */
const picture = ({ eventId: _id, at: _at, ...rest }: Snapshot) => rest;

describe('screens that connect at the same moment (a server restart, a hall powering up)', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('at-once', BROKERS[0]!);
    server = await startTestServer(h.iso, { TELEMETRY_HZ: '20' });
    await h.publish('sensor', reading(LT, 50, Date.now() - 60_000));
    await h.publish('incident', { ...INCIDENT_EXAMPLE, ts: new Date().toISOString() });
    await waitFor(() => h.reading(LT), 'first reading');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('each get the picture a lone screen of the same subscription gets, then every event once', async () => {
    const lone = await Promise.all(KINDS.map((auth) => connectAs(server, auth)));
    await waitFor(() => lone.every((s) => s.received.snapshots[0]), 'lone snapshots');

    const crowd = await Promise.all(
      Array.from({ length: 30 }, (_, n) => connectAs(server, KINDS[n % KINDS.length])),
    );
    await waitFor(() => crowd.every((s) => s.received.snapshots.length > 0), 'crowd snapshots');
    crowd.forEach((screen, n) => {
      expect(screen.received.snapshots).toHaveLength(1);
      expect(picture(screen.received.snapshots[0]!)).toEqual(
        picture(lone[n % KINDS.length]!.received.snapshots[0]!),
      );
    });

    const ts = Date.now() - 30_000;
    await h.publish('sensor', reading(LT, HIGH, ts));
    const everyone = [...lone, ...crowd];
    await waitFor(
      () => everyone.every((s, n) => s.received.events.length >= (n % KINDS.length === 2 ? 0 : 1)),
      'the alarm event',
    );
    // Let anything sent twice arrive before counting.
    await new Promise((r) => setTimeout(r, 200));
    for (const [n, screen] of crowd.entries()) {
      const alike = lone[n % KINDS.length]!;
      expect(screen.received.events.map((e) => e.id)).toEqual(
        alike.received.events.map((e) => e.id),
      );
      if (n % KINDS.length !== 2) {
        await waitFor(() => screen.received.readings.some((r) => r.ts === ts), 'new reading');
      }
    }
    for (const screen of everyone) screen.close();
  });

  it('resuming at once, each get the current readings, then every event once', async () => {
    const first = await connectAs(server);
    const since = await waitFor(() => first.received.snapshots[0]?.eventId, 'a position');
    first.close();
    await h.publish('incident', {
      ...INCIDENT_EXAMPLE,
      id: `${INCIDENT_EXAMPLE.id}-2`,
      ts: new Date().toISOString(),
    });
    const crowd = await Promise.all(Array.from({ length: 20 }, () => connectAs(server, { since })));
    await waitFor(
      () => crowd.every((s) => s.received.events.some((e) => e.kind === 'incident')),
      'the missed incident',
    );
    await waitFor(
      () => crowd.every((s) => s.received.readings.some((r) => r.value === HIGH)),
      'current readings',
    );
    for (const screen of crowd) {
      expect(screen.received.snapshots).toHaveLength(0);
      const ids = screen.received.events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const screen of crowd) screen.close();
  });
});
