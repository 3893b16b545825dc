import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

interface Nearest {
  resources: { resource: { id: string }; distanceKm: number; etaMinutes?: number }[];
}

const T0 = Date.now() - 60_000;
const at = (dt: number) => new Date(T0 + dt).toISOString();
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const resource = (id: string, type: string, status: string, lon: number, lat: number) => ({
  id,
  ts: at(0),
  type,
  name: id,
  status,
  location: point(lon, lat),
});

describe('GET /api/v1/resources/nearest', () => {
  let h: FeedHarness;
  let server: RunningServer;
  const nearest = async (query: string, role: 'viewer' | 'commander' = 'viewer') =>
    api(server, `${API.nearestResources}?${query}`, role);

  beforeAll(async () => {
    h = await startFeedHarness('nearest', BROKERS[0]!);
    server = await startTestServer(h.iso);
    await h.publish('resource', [
      resource('engine', 'fire_engine', 'available', 119.96, 31.78),
      resource('ambulance', 'ambulance', 'available', 119.95, 31.8),
      resource('busy-engine', 'fire_engine', 'dispatched', 119.951, 31.78),
      resource('shelter', 'shelter', 'available', 119.95, 31.77),
      resource('far-engine', 'fire_engine', 'available', 120.1, 31.78),
    ]);
    await waitFor(
      async () => (await h.redis.zCard(h.keys.geoResource)) === 5,
      'five resources in the GEO set',
    );
    // A tracker moves the far engine close: the GEO set follows the position update.
    await h.publish('resource', {
      id: 'far-engine',
      ts: at(1_000),
      location: point(119.97, 31.78),
    });
    await waitFor(
      () => h.redis.hGet(h.keys.state('position'), `${h.agency}:far-engine`),
      'position stored',
    );
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('returns the right order on a known fixture: distance, ETA, only available units', async () => {
    const res = await nearest('lon=119.95&lat=31.78');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Nearest;
    expect(body.resources.map((r) => [r.resource.id, r.distanceKm, r.etaMinutes])).toEqual([
      [`${h.agency}:engine`, 0.945, 2],
      [`${h.agency}:shelter`, 1.112, undefined],
      [`${h.agency}:far-engine`, 1.89, 3],
      [`${h.agency}:ambulance`, 2.224, 3],
    ]);
  });

  it('filters by type, radius and limit', async () => {
    const ids = async (query: string) =>
      ((await (await nearest(query)).json()) as Nearest).resources.map((r) => r.resource.id);
    expect(await ids('lon=119.95&lat=31.78&type=fire_engine')).toEqual([
      `${h.agency}:engine`,
      `${h.agency}:far-engine`,
    ]);
    expect(await ids('lon=119.95&lat=31.78&radiusKm=1.5')).toEqual([
      `${h.agency}:engine`,
      `${h.agency}:shelter`,
    ]);
    expect(await ids('lon=119.95&lat=31.78&limit=1')).toEqual([`${h.agency}:engine`]);
  });

  it('refuses a bad query with a JSON error', async () => {
    for (const query of [
      'lat=31.78',
      'lon=200&lat=31.78',
      'lon=1&lat=1&type=tank',
      'lon=1&lat=1&limit=0',
    ]) {
      const res = await nearest(query);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'api.invalid' });
    }
  });
});
