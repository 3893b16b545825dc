import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Shelter, type StampedEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import type { SheltersNearestResponse } from '../../server/src/http/shelters';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const iso = (ms: number) => new Date(ms).toISOString();

/*
 * Three shelters east of an incident at [119.95, 31.78]: a park 1 km away (open, 500 places),
 * a school gym 2 km away (open, 200 places), a stadium 0.5 km away (closed).
 */
const T0 = Date.now() - 60_000;
const SHELTERS = [
  {
    id: 'SH-PARK',
    ts: iso(T0),
    name: '人民公园应急避难场所',
    location: point(119.9606, 31.78),
    capacity: 500,
    occupancy: 120,
    status: 'open',
    facilities: ['water', 'power', 'toilet', 'medical'],
  },
  {
    id: 'SH-GYM',
    ts: iso(T0),
    name: '实验中学体育馆',
    location: point(119.9712, 31.78),
    capacity: 200,
    status: 'open',
    facilities: ['beds', 'toilet'],
  },
  {
    id: 'SH-STADIUM',
    ts: iso(T0),
    name: '奥体中心',
    location: point(119.9553, 31.78),
    capacity: 5000,
    status: 'closed',
  },
];

describe.each(BROKERS)('on $name: shelters', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const stored = async (local: string) => {
    const json = await h.redis.hGet(h.keys.state('shelter'), `${h.agency}:${local}`);
    return json ? Shelter.parse(JSON.parse(json)) : undefined;
  };
  beforeAll(async () => {
    h = await startFeedHarness('shelter', broker);
    server = await startTestServer(h.iso);
    await h.publish('shelter', SHELTERS);
    await waitFor(
      async () => (await h.redis.hLen(h.keys.state('shelter'))) === 3 || undefined,
      'shelters stored',
    );
    await h.publish('incident', {
      id: 'FLOOD-7',
      ts: iso(T0),
      type: 'flood',
      category: 'natural_disaster',
      level: 'II',
      status: 'responding',
      title: '河堤漫溢',
      location: point(119.95, 31.78),
    });
    await waitFor(() => h.redis.hGet(h.keys.state('incident'), `${h.agency}:FLOOD-7`), 'incident');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('stores a shelter in WGS-84 with its facilities; one without occupancy starts empty', async () => {
    expect(await stored('SH-PARK')).toMatchObject({
      name: '人民公园应急避难场所',
      capacity: 500,
      occupancy: 120,
      status: 'open',
      facilities: ['water', 'power', 'toilet', 'medical'],
      location: [119.9606, 31.78],
    });
    expect(await stored('SH-GYM')).toMatchObject({ occupancy: 0, facilities: ['beds', 'toilet'] });
  });

  it('occupancy updates are telemetry a screen sees, latest wins, history kept; a late count changes nothing', async () => {
    const screen = await connectAs(server);
    try {
      await waitFor(() => screen.received.snapshots[0], 'snapshot');
      expect(screen.received.snapshots[0]!.shelters!.map((s) => s.id).sort()).toEqual([
        `${h.agency}:SH-GYM`,
        `${h.agency}:SH-PARK`,
        `${h.agency}:SH-STADIUM`,
      ]);
      await h.publish('shelter', { id: 'SH-PARK', ts: iso(T0 + 10_000), occupancy: 260 });
      await h.publish('shelter', { id: 'SH-PARK', ts: iso(T0 + 20_000), occupancy: 410 });
      await h.publish('shelter', { id: 'SH-PARK', ts: iso(T0 + 15_000), occupancy: 300 });
      const seen = (events: StampedEvent[]) =>
        events.flatMap((e) =>
          e.kind === 'shelter' && e.op === 'upsert' && e.data.id === `${h.agency}:SH-PARK`
            ? [e.data.occupancy]
            : [],
        );
      await waitFor(() => seen(screen.received.events).includes(410) || undefined, 'occupancy 410');
      await new Promise((r) => setTimeout(r, 500));
      expect(seen(screen.received.events)).toEqual([260, 410]);
      expect((await stored('SH-PARK'))!.occupancy).toBe(410);
      const history = await h.redis.zRange(h.keys.shelterHistory(`${h.agency}:SH-PARK`), 0, -1);
      expect(history.map((m) => (JSON.parse(m) as { occupancy: number }).occupancy)).toEqual([
        120, 260, 410,
      ]);
    } finally {
      screen.close();
    }
  });

  it('an occupancy count for a shelter nobody registered is refused with feed.unknown_shelter', async () => {
    await h.publish('shelter', { id: 'SH-NOBODY', ts: iso(Date.now()), occupancy: 5 });
    const reject = await waitFor(
      async () => (await h.rejects()).find((r) => JSON.stringify(r).includes('SH-NOBODY')),
      'reject notice',
    );
    expect(JSON.stringify(reject)).toContain('feed.unknown_shelter');
    expect(await stored('SH-NOBODY')).toBeUndefined();
  });

  it('the nearest open shelters with free places: closed and full ones are left out', async () => {
    // The park fills up: 500 of 500.
    await h.publish('shelter', { id: 'SH-PARK', ts: iso(T0 + 30_000), occupancy: 500 });
    await waitFor(async () => (await stored('SH-PARK'))?.occupancy === 500 || undefined, 'full');
    const res = await api(server, `/api/v1/shelters/nearest?incidentId=${h.agency}:FLOOD-7`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SheltersNearestResponse;
    expect(body.shelters.map((s) => [s.shelter.name, s.free])).toEqual([['实验中学体育馆', 200]]);
    expect(body.shelters[0]!.distanceKm).toBeCloseTo(2.0, 1);

    await h.publish('shelter', { id: 'SH-PARK', ts: iso(T0 + 40_000), occupancy: 350 });
    await waitFor(
      async () => (await stored('SH-PARK'))?.occupancy === 350 || undefined,
      'room again',
    );
    const support = await api(server, `/api/v1/incidents/${h.agency}:FLOOD-7/support`, 'commander');
    const s = (await support.json()) as { shelters: { shelter: { name: string }; free: number }[] };
    expect(s.shelters.map((x) => [x.shelter.name, x.free])).toEqual([
      ['人民公园应急避难场所', 150],
      ['实验中学体育馆', 200],
    ]);
    const bad = await api(server, '/api/v1/shelters/nearest?lon=119.9');
    expect(bad.status).toBe(400);
  });
});
