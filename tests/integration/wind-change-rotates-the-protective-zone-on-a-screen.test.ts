import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtectiveZone, StampedEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer, tokenFor } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/*
 * The harness's hazard `tank-farm-1` holds liquid chlorine (CAS 7782-50-5) at [119.93, 31.95]. A
 * leak there, one met station 3 km east, one school 2 km south and one 2 km west. ERG chlorine,
 * large spill: isolate 600 m, protect 3.5 km by day and 8.0 km by night — both schools are within
 * reach, so only the wind decides which one the sector covers.
 */
const SITE = [119.93, 31.95] as const;
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
// 0.018° of latitude ≈ 2.0 km; 0.0212° of longitude at 31.95° N ≈ 2.0 km.
const SOUTH = point(SITE[0], SITE[1] - 0.018);
const WEST = point(SITE[0] - 0.0212, SITE[1]);

function station(direction: number, ts: number) {
  return {
    id: 'met-east',
    ts: new Date(ts).toISOString(),
    type: 'met',
    name: '新北气象站',
    location: point(SITE[0] + 0.032, SITE[1]),
    wind: { speed: 4.2, direction },
    temperature: 21.5,
  };
}

const zoneEvents = (events: StampedEvent[]) =>
  events.flatMap((e) => (e.kind === 'zone' && e.op === 'upsert' ? [e.data] : []));
const names = (z: ProtectiveZone) => z.inside.map((m) => m.name).sort();

describe.each(BROKERS)('on $name: a chlorine leak at a hazard source', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const incidentId = () => `${h.agency}:LEAK-1`;
  beforeAll(async () => {
    h = await startFeedHarness('zone', broker);
    server = await startTestServer(h.iso);
    const ts = new Date(Date.now() - 60_000).toISOString();
    await h.publish('place', [
      { id: 'school-south', ts, type: 'school', name: '南侧小学', people: 1200, location: SOUTH },
      { id: 'school-west', ts, type: 'school', name: '西侧中学', people: 900, location: WEST },
    ]);
    // Wind from the north: the plume goes south.
    await h.publish('weather', station(0, Date.now() - 5_000));
    await waitFor(() => h.redis.hLen(h.keys.state('station')), 'station stored');
    await h.publish('incident', {
      id: 'LEAK-1',
      ts,
      type: 'hazmat_leak',
      category: 'accident_disaster',
      level: 'II',
      status: 'responding',
      title: '液氯储罐泄漏',
      location: point(SITE[0], SITE[1]),
    });
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('a live screen sees the zone point south, then west once the wind turns east, at most every 30 s', async () => {
    const screen = await connectAs(server);
    try {
      const first = await waitFor(
        () =>
          screen.received.snapshots.at(-1)?.zones[0] ?? zoneEvents(screen.received.events).at(-1),
        'zone on the screen',
        20_000,
      );
      expect(first.incidentId).toBe(incidentId());
      expect(first.chemical).toEqual({ un: '1017', name: 'Chlorine' });
      expect(first.spill).toBe('large');
      expect(first.isolationM).toBe(600);
      expect([3.5, 8]).toContain(first.protectKm);
      expect(first.wind).toMatchObject({ direction: 0, default: false, stationName: '新北气象站' });
      expect(first.downwind).toBe(180);
      expect(names(first)).toEqual(['南侧小学']);
      expect(first.people).toBe(1200);

      // The wind turns: from the east, the plume goes west.
      await h.publish('weather', station(90, Date.now()));
      const turned = await waitFor(
        () => zoneEvents(screen.received.events).find((z) => z.downwind === 270),
        'zone turned west',
        60_000,
      );
      expect(names(turned)).toEqual(['西侧中学']);
      expect(turned.people).toBe(900);
      expect(turned.wind.direction).toBe(90);
      // Never more often than every 30 s for a wind change alone.
      expect(turned.ts - first.ts).toBeGreaterThanOrEqual(30_000);
    } finally {
      screen.close();
    }
  }, 120_000);

  it('a commander sets a small spill by night through the commands REST path; the zone follows at once', async () => {
    const res = await fetch(`${server.url}/api/v1/commands`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(server, 'commander')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        commandId: 'zone-override-1',
        type: 'zone.override',
        incidentId: incidentId(),
        spill: 'small',
        time: 'night',
      }),
    });
    expect(res.status).toBe(200);
    const json = await waitFor(async () => {
      const z = await h.redis.hGet(h.keys.state('zone'), incidentId());
      return z && (JSON.parse(z) as ProtectiveZone).spill === 'small' ? z : undefined;
    }, 'override applied');
    const zone = JSON.parse(json) as ProtectiveZone;
    expect(zone).toMatchObject({ spill: 'small', time: 'night', isolationM: 60, protectKm: 1.6 });
    expect(zone.override).toMatchObject({ spill: 'small', time: 'night' });
    // 1.6 km by night no longer reaches the school 2 km west.
    expect(zone.inside).toEqual([]);
    const audit = await api(server, '/api/v1/audit', 'commander');
    expect(JSON.stringify(await audit.json())).toContain('zone.override');
  });
});
