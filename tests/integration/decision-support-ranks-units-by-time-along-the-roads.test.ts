import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, SupportResponse } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';
import { E, N1, N2, S, W, X3, writeRoadsFile } from '../fixtures/roads';

/*
 * The lake of tests/fixtures/roads.ts on real Redis and a real server: an incident on its west
 * shore (W), ambulance "across" straight over the water at E (1.89 km) and ambulance "south" on
 * the road at S (2.78 km). By straight line "across" is nearer; along the roads (round the
 * north shore, 8.56 km) "south" arrives first.
 */
const T0 = Date.now() - 60_000;
const at = (dt: number) => new Date(T0 + dt).toISOString();
const point = (p: [number, number]) => ({ type: 'Point', coordinates: p });
const resource = (id: string, type: string, status: string, p: [number, number]) => ({
  id,
  ts: at(0),
  type,
  name: id,
  status,
  location: point(p),
});

interface Nearest {
  resources: {
    resource: { id: string };
    distanceKm: number;
    etaMinutes?: number;
    basis: string;
    route?: [number, number][];
  }[];
}

describe('travel times along the roads (ROADS_FILE)', () => {
  let h: FeedHarness;
  let roads: RunningServer;
  let straight: RunningServer;
  const roadsFile = writeRoadsFile();
  const id = (local: string) => `${h.agency}:${local}`;
  const support = async (server: RunningServer, query = '') => {
    const res = await api(
      server,
      `${API.support.replace(':id', encodeURIComponent(id('fire')))}${query}`,
      'viewer',
    );
    expect(res.status).toBe(200);
    return SupportResponse.parse(await res.json());
  };

  beforeAll(async () => {
    h = await startFeedHarness('roads-ranking', BROKERS[0]!);
    roads = await startTestServer(h.iso, { ROADS_FILE: roadsFile.file });
    straight = await startTestServer(h.iso);
    await h.publish('resource', [
      resource('across', 'ambulance', 'available', E),
      resource('south', 'ambulance', 'available', S),
      // Out on an order from the far end of the trunk road: its route is drawn, it is no candidate.
      resource('engine', 'fire_engine', 'dispatched', X3),
    ]);
    await h.publish('incident', {
      id: 'fire',
      ts: at(0),
      type: 'fire',
      category: 'accident_disaster',
      level: 'III',
      status: 'responding',
      title: 'fire on the west shore',
      location: point(W),
    });
    await waitFor(
      async () =>
        (await h.redis.hLen(h.keys.state('resource'))) >= 3 &&
        (await h.redis.hExists(h.keys.state('incident'), id('fire'))),
      'resources and incident stored',
    );
  });
  afterAll(async () => {
    await roads?.close();
    await straight?.close();
    await h?.stop();
    roadsFile.remove();
  });

  it('without a road network ranks by straight line and says so', async () => {
    const s = await support(straight);
    const ambulances = s.resources.find((g) => g.type === 'ambulance')!;
    expect(ambulances.candidates.map((c) => [c.resource.id, c.distanceKm, c.basis])).toEqual([
      [id('across'), 1.89, 'straight'],
      [id('south'), 2.78, 'straight'],
    ]);
  });

  it('with one, ranks by time along the roads: the order reverses', async () => {
    const s = await support(roads);
    const ambulances = s.resources.find((g) => g.type === 'ambulance')!;
    expect(
      ambulances.candidates.map((c) => [c.resource.id, c.distanceKm, c.etaMinutes, c.basis]),
    ).toEqual([
      [id('south'), 2.78, 3, 'road'],
      [id('across'), 8.561, 9, 'road'],
    ]);
    // No geometry unless asked.
    expect(s.routes).toEqual([]);
  });

  it('returns the routes asked for, of suggested and dispatched units, round the lake', async () => {
    const s = await support(roads, `?routes=${id('across')},${id('engine')},nobody:x`);
    expect(s.routes.map((r) => [r.resourceId, r.basis])).toEqual([
      [id('across'), 'road'],
      [id('engine'), 'road'],
    ]);
    const across = s.routes[0]!.path!;
    expect(across[0]).toEqual(E);
    expect(across.at(-1)).toEqual(W);
    expect(across).toContainEqual(N2);
    expect(across).toContainEqual(N1);
    expect(s.routes[1]!.path![0]).toEqual(X3);
  });

  it('ranks the nearest-resources search the same way, with routes on request', async () => {
    const res = await api(
      roads,
      `${API.nearestResources}?lon=${W[0]}&lat=${W[1]}&type=ambulance&route=true`,
      'viewer',
    );
    const body = (await res.json()) as Nearest;
    expect(body.resources.map((r) => [r.resource.id, r.basis, r.etaMinutes])).toEqual([
      [id('south'), 'road', 3],
      [id('across'), 'road', 9],
    ]);
    expect(body.resources[1]!.route).toContainEqual(N1);
    const plain = (await (
      await api(roads, `${API.nearestResources}?lon=${W[0]}&lat=${W[1]}&type=ambulance`, 'viewer')
    ).json()) as Nearest;
    expect(plain.resources.every((r) => r.route === undefined)).toBe(true);
  });

  it('refuses more routes than it draws', async () => {
    const ids = Array.from({ length: 21 }, (_, i) => `a:u${i}`).join(',');
    const res = await api(
      roads,
      `${API.support.replace(':id', encodeURIComponent(id('fire')))}?routes=${ids}`,
      'viewer',
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'api.invalid' });
  });
});
