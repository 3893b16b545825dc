import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, Place, type LiveEvent, type Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { gcj02ToWgs84, haversineMetres } from '../helpers/chinese-crs';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { PLACE_EXAMPLE, asFeature } from '../helpers/kind-fixtures';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const later = (ts: string, minutes: number) =>
  new Date(Date.parse(ts) + minutes * 60_000).toISOString();

/** A nursing home reported from an Amap base map (GCJ-02), as a GeoJSON Feature. */
const GCJ_NURSING_HOME = {
  id: 'NH-320412-003',
  ts: '2026-09-01T08:00:00+08:00',
  crs: 'GCJ02',
  type: 'nursing_home',
  name: '武进区湖塘镇颐养院',
  people: 240,
  capacity: 260,
  location: { type: 'Point', coordinates: [119.9485, 31.7125] },
};

describe.each(BROKERS)('on $name: sensitive places', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const id = () => `${h.agency}:${PLACE_EXAMPLE.id}`;
  const stored = async (localId: string) => {
    const json = await h.redis.hGet(h.keys.state('place'), `${h.agency}:${localId}`);
    return json ? Place.parse(JSON.parse(json)) : undefined;
  };
  const placeEvents = async () =>
    (await h.events()).filter(
      (e): e is Extract<LiveEvent, { kind: 'place' }> => e.kind === 'place',
    );

  beforeAll(async () => {
    h = await startFeedHarness('place-feed', broker);
    server = await startTestServer(h.iso);
    await h.publish('place', PLACE_EXAMPLE);
    await waitFor(() => stored(PLACE_EXAMPLE.id), 'place stored');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('stores the documented place as an event, in the snapshot and the entity list', async () => {
    const fields = Object.fromEntries(Object.entries(PLACE_EXAMPLE).filter(([k]) => k !== 'crs'));
    const expected = {
      ...fields,
      id: id(),
      agency: h.agency,
      ts: Date.parse(PLACE_EXAMPLE.ts),
      location: [119.9805, 32.0021],
    };
    expect(await stored(PLACE_EXAMPLE.id)).toEqual(expected);
    expect(await placeEvents()).toEqual([{ kind: 'place', op: 'upsert', data: expected }]);

    const snap = (await (await api(server, API.snapshot, 'viewer')).json()) as Snapshot;
    expect(snap.places).toEqual([expected]);

    const list = async (query: string) =>
      (await (await api(server, `${API.entities}/places${query}`, 'viewer')).json()) as {
        places: Place[];
      };
    expect((await list('?type=school')).places).toEqual([expected]);
    expect((await list('?type=hospital')).places).toEqual([]);
    expect(await h.rejects()).toEqual([]);
  });

  it('takes a GeoJSON Feature in GCJ-02 and stores it in WGS-84', async () => {
    await h.publish('place', asFeature(GCJ_NURSING_HOME, 'location'));
    const place = await waitFor(() => stored(GCJ_NURSING_HOME.id), 'nursing home stored');
    expect(place).toMatchObject({ type: 'nursing_home', people: 240, capacity: 260 });
    const wgs = gcj02ToWgs84([119.9485, 31.7125]);
    expect(haversineMetres(place.location, wgs)).toBeLessThan(1);
    expect(await h.rejects()).toEqual([]);
  });

  it('applies a redelivered place once and a newer one as a change', async () => {
    const before = (await placeEvents()).length;
    await h.publish('place', PLACE_EXAMPLE);
    const update = { ...PLACE_EXAMPLE, ts: later(PLACE_EXAMPLE.ts, 60), people: 1910 };
    await h.publish('place', update);
    await waitFor(async () => (await stored(PLACE_EXAMPLE.id))?.people === 1910, 'update stored');
    expect((await placeEvents()).length).toBe(before + 1);
    expect(await h.rejects()).toEqual([]);
  });

  it.each([
    {
      what: 'an older observation',
      payload: { ...PLACE_EXAMPLE, ts: later(PLACE_EXAMPLE.ts, -60), people: 5 },
      code: 'feed.stale',
      path: ['ts'],
    },
    {
      what: 'a negative head count',
      payload: { ...PLACE_EXAMPLE, ts: later(PLACE_EXAMPLE.ts, 120), people: -1 },
      code: 'feed.invalid',
      path: ['people'],
    },
    {
      what: 'a fractional head count',
      payload: { ...PLACE_EXAMPLE, ts: later(PLACE_EXAMPLE.ts, 120), people: 12.5 },
      code: 'feed.invalid',
      path: ['people'],
    },
    {
      what: 'an unknown type',
      payload: { ...PLACE_EXAMPLE, ts: later(PLACE_EXAMPLE.ts, 120), type: 'temple' },
      code: 'feed.invalid',
      path: ['type'],
    },
    {
      what: 'latitude and longitude swapped',
      payload: {
        ...PLACE_EXAMPLE,
        ts: later(PLACE_EXAMPLE.ts, 120),
        location: { type: 'Point', coordinates: [32.0021, 119.9805] },
      },
      code: 'feed.out_of_range',
      path: ['location', 'coordinates'],
    },
  ])('refuses $what with $code at its path and changes nothing', async (c) => {
    const before = await h.redis.hGetAll(h.keys.state('place'));
    const events = (await h.events()).length;
    const rejects = (await h.rejects()).length;
    await h.publish('place', c.payload);
    const all = await waitFor(async () => {
      const r = await h.rejects();
      return r.length > rejects ? r : undefined;
    }, 'reject recorded');
    expect(all).toHaveLength(rejects + 1);
    expect(all[rejects]).toMatchObject({ code: c.code, path: c.path, agency: h.agency });
    expect(await h.redis.hGetAll(h.keys.state('place'))).toEqual(before);
    expect((await h.events()).length).toBe(events);
  });
});
