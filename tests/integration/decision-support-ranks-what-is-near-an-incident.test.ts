import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, Alarm, SupportResponse } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { api, startTestServer, type TestRole } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/*
 * A known fixture around two incidents at [119.93, 31.90]. Everything else lies due north or south
 * (or, for one place, due east), so straight-line distances are easy to check: 0.01° of latitude
 * is 1.112 km.
 */
const T0 = Date.now() - 60_000;
const at = (dt: number) => new Date(T0 + dt).toISOString();
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const LON = 119.93;

/** A hazard whose sensors report hourly, so a reading stays fresh for the whole test. */
const hazard = (id: string, lat: number) => ({
  id,
  ts: at(0),
  name: `${id} 储罐区`,
  enterprise: '常州测试化工有限公司',
  grade: 2,
  chemicals: [{ name: '液氨' }],
  location: point(LON, lat),
  sensors: [
    {
      id: `${id}-gas`,
      metric: 'toxic_ppm',
      unit: 'ppm',
      thresholds: { high: 1, highHigh: 2 },
      interval: 3_600,
    },
  ],
});

const place = (id: string, type: string, lon: number, lat: number, people: number) => ({
  id,
  ts: at(0),
  type,
  name: id,
  people,
  location: point(lon, lat),
});

const resource = (id: string, type: string, status: string, lat: number, extra = {}) => ({
  id,
  ts: at(0),
  type,
  name: id,
  status,
  location: point(LON, lat),
  ...extra,
});

const incident = (id: string, type: string) => ({
  id,
  ts: at(0),
  type,
  category: 'accident_disaster',
  level: 'III',
  status: 'responding',
  title: id,
  location: point(LON, 31.9),
});

describe('GET /api/v1/incidents/:id/support', () => {
  let h: FeedHarness;
  let server: RunningServer;
  const id = (local: string) => `${h.agency}:${local}`;
  const support = async (incidentId: string, query = '', role: TestRole = 'viewer') =>
    api(server, `${API.support.replace(':id', encodeURIComponent(incidentId))}${query}`, role);
  const body = async (incidentId: string, query = '') => {
    const res = await support(incidentId, query);
    expect(res.status).toBe(200);
    return SupportResponse.parse(await res.json());
  };

  beforeAll(async () => {
    h = await startFeedHarness('decision-support', BROKERS[0]!);
    server = await startTestServer(h.iso);
    // The harness's own hazard `tank-farm-1` is at [119.93, 31.95]: 5.56 km north, never reported.
    await h.publish('hazard', [
      hazard('near-tank', 31.92),
      hazard('mid-tank', 31.89),
      hazard('silent-tank', 31.93),
    ]);
    await waitFor(async () => (await h.redis.hLen(h.keys.state('hazard'))) === 4, 'hazards');
    await h.publish('sensor', [
      { id: 'near-tank-gas', ts: new Date().toISOString(), value: 3 },
      { id: 'mid-tank-gas', ts: new Date().toISOString(), value: 0.2 },
    ]);
    await h.publish('place', [
      place('kindergarten', 'kindergarten', 119.94, 31.9, 180),
      place('school', 'school', LON, 31.91, 1_200),
      place('hospital', 'hospital', LON, 31.88, 900),
      place('nursing-home', 'nursing_home', LON, 31.96, 150),
    ]);
    await h.publish('resource', [
      resource('e1', 'fire_engine', 'available', 31.85),
      resource('e2', 'fire_engine', 'available', 31.8),
      resource('e3', 'fire_engine', 'dispatched', 31.901),
      ...[31.7, 31.69, 31.68, 31.67, 31.66].map((lat, i) =>
        resource(`e${i + 4}`, 'fire_engine', 'available', lat),
      ),
      resource('a1', 'ambulance', 'available', 31.92),
      resource('p1', 'police_car', 'available', 31.9),
      resource('b1', 'boat', 'available', 31.95),
      resource('d1', 'material_depot', 'available', 31.87, {
        inventory: [
          { item: '抗溶性泡沫灭火剂', quantity: 60, unit: '吨' },
          { item: '救生衣', quantity: 100, unit: '件' },
        ],
      }),
      resource('d2', 'material_depot', 'available', 31.91, {
        inventory: [
          { item: '救生衣', quantity: 600, unit: '件' },
          { item: '编织袋（沙袋）', quantity: 20_000, unit: '条' },
        ],
      }),
      resource('d3', 'material_depot', 'available', 31.8, {
        inventory: [
          { item: '正压式空气呼吸器', quantity: 80, unit: '具' },
          { item: '应急照明灯', quantity: 0, unit: '台' },
        ],
      }),
      resource('d4', 'material_depot', 'out_of_service', 31.9, {
        inventory: [{ item: '泡沫灭火剂', quantity: 10, unit: '吨' }],
      }),
    ]);
    await waitFor(async () => (await h.redis.hLen(h.keys.state('resource'))) === 15, 'resources');
    // A tracker brings e2 to 1.112 km south: its newer position counts, not its station.
    await h.publish('resource', { id: 'e2', ts: at(1_000), location: point(LON, 31.89) });
    await h.publish('incident', [incident('fire', 'fire'), incident('flood', 'waterlogging')]);
    await waitFor(async () => (await h.redis.hLen(h.keys.state('incident'))) === 2, 'incidents');
    await waitFor(() => h.redis.hGet(h.keys.state('position'), id('e2')), 'position');
    await waitFor(async () => (await h.redis.hLen(h.keys.state('place'))) === 4, 'places');
    await waitFor(async () => (await h.redis.hLen(h.keys.state('alarm'))) === 1, 'alarm raised');
    expect(await h.rejects()).toEqual([]);
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('lists hazards within 5 km nearest first, with their live state and active alarms', async () => {
    const s = await body(id('fire'));
    expect(s).toMatchObject({ incidentId: id('fire'), radiusKm: 5 });
    expect(s.hazards.map((x) => [x.hazard.id, x.distanceKm, x.state])).toEqual([
      [id('mid-tank'), 1.112, 'normal'],
      [id('near-tank'), 2.224, 'highhigh'],
      [id('silent-tank'), 3.336, 'offline'],
    ]);
    const [alarm] = Object.values(await h.redis.hGetAll(h.keys.state('alarm'))).map((j) =>
      Alarm.parse(JSON.parse(j)),
    );
    expect(s.hazards[1]!.alarms).toEqual([alarm]);
    expect(alarm).toMatchObject({ hazardId: id('near-tank'), status: 'active', level: 'HH' });
    expect(s.hazards[0]!.alarms).toEqual([]);
  });

  it('lists sensitive places within the radius nearest first', async () => {
    const s = await body(id('fire'));
    expect(s.places.map((p) => [p.place.id, p.distanceKm, p.place.people])).toEqual([
      [id('kindergarten'), 0.944, 180],
      [id('school'), 1.112, 1_200],
      [id('hospital'), 2.224, 900],
    ]);
  });

  it('widens to the radius asked for', async () => {
    const s = await body(id('fire'), '?radiusKm=7');
    expect(s.radiusKm).toBe(7);
    expect(s.hazards.map((x) => x.hazard.id).at(-1)).toBe(id('tank-farm-1'));
    expect(s.hazards.at(-1)!.distanceKm).toBe(5.56);
    expect(s.places.map((p) => [p.place.id, p.distanceKm]).at(-1)).toEqual([
      id('nursing-home'),
      6.672,
    ]);
    const narrow = await body(id('fire'), '?radiusKm=0.5');
    expect(narrow.hazards).toEqual([]);
    expect(narrow.places).toEqual([]);
  });

  it('offers the nearest available units of each type a fire needs, at any distance, with ETA', async () => {
    const s = await body(id('fire'), '?radiusKm=0.5');
    expect(s.resources.map((r) => r.type)).toEqual(['fire_engine', 'rescue_team', 'ambulance']);
    const [engines, rescue, ambulances] = s.resources;
    // e3 is out on an order; of the seven available engines the five nearest, e2 where it now is.
    expect(engines!.candidates.map((c) => [c.resource.id, c.distanceKm, c.etaMinutes])).toEqual([
      [id('e2'), 1.112, 2],
      [id('e1'), 5.56, 9],
      [id('e4'), 22.239, 34],
      [id('e5'), 23.351, 36],
      [id('e6'), 24.463, 37],
    ]);
    expect(engines!.candidates[0]!.location).toEqual([LON, 31.89]);
    expect(engines!.candidates[1]!.location).toEqual([LON, 31.85]);
    expect(rescue!.candidates).toEqual([]);
    expect(ambulances!.candidates.map((c) => [c.resource.id, c.distanceKm, c.etaMinutes])).toEqual([
      [id('a1'), 2.224, 3],
    ]);
  });

  it('names the depots holding what the incident needs, with the matching stock only', async () => {
    const fire = await body(id('fire'));
    expect(fire.depots.map((d) => [d.resource.id, d.distanceKm, d.matches])).toEqual([
      [id('d1'), 3.336, [{ item: '抗溶性泡沫灭火剂', quantity: 60, unit: '吨' }]],
      [id('d3'), 11.12, [{ item: '正压式空气呼吸器', quantity: 80, unit: '具' }]],
    ]);

    const flood = await body(id('flood'));
    expect(flood.resources.map((r) => [r.type, r.candidates.map((c) => c.resource.id)])).toEqual([
      ['boat', [id('b1')]],
      ['rescue_team', []],
      ['heavy_machinery', []],
    ]);
    expect(flood.depots.map((d) => [d.resource.id, d.matches.map((m) => m.item)])).toEqual([
      [id('d2'), ['救生衣', '编织袋（沙袋）']],
      [id('d1'), ['救生衣']],
    ]);
  });

  it('answers viewers and commanders, not agencies', async () => {
    expect((await support(id('fire'), '', 'commander')).status).toBe(200);
    expect((await support(id('fire'), '', 'admin')).status).toBe(200);
    const agency = await support(id('fire'), '', 'agency-a');
    expect(agency.status).toBe(403);
    expect(await agency.json()).toMatchObject({ code: 'auth.forbidden' });
  });

  it('refuses an unknown incident and a bad radius with specific codes', async () => {
    const unknown = await support(id('no-such-incident'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'incident.not_found' });
    for (const query of ['?radiusKm=0.4', '?radiusKm=51', '?radiusKm=abc', '?radiusKm=']) {
      const res = await support(id('fire'), query);
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toMatchObject({ code: 'support.invalid_radius' });
    }
    const other = await support(id('fire'), '?radius=5');
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ code: 'api.invalid' });
  });
});
