import { describe, expect, it } from 'vitest';
import {
  IncidentMessage,
  OrderReplyMessage,
  PlaceMessage,
  PositionMessage,
  ResourceMessage,
  RiskAreaMessage,
  ShelterMessage,
  WarningMessage,
  WeatherMessage,
  type LngLat,
} from '@cc/shared';
import { loadAgencies } from '@cc/shared/node';
import { decodeCap } from '../../ingest/src/feeds/cap';
import { DEMO_AGENCIES_FILE } from '../../demo/src/demo-credentials';
import { createPicture, type PictureOptions } from '../../demo/src/picture/picture';
import { planRoute } from '../../demo/src/picture/routing';
import type { Outgoing } from '../../demo/src/picture/types';
import { PLACES } from '../../demo/src/scenario/incident-templates';
import { PUBLIC_AGENCIES } from '../../demo/src/scenario/public-agencies';
import { DEMO_RESOURCES } from '../../demo/src/scenario/resources';
import { DEMO_LAND_BBOX, ROAD_EDGES, ROAD_NODES, WATER_BOXES } from '../../demo/src/scenario/roads';
import { CHANGZHOU_SCENARIO } from '../../demo/src/scenario/index';

const T0 = Date.parse('2025-06-01T06:00:00Z');
const HOUR = 3_600_000;
type Body = Record<string, unknown>;

/** Runs the picture from T0 for `ms`, with a tick every 500 ms; the opening snapshot first. */
function run(ms: number, options: Partial<PictureOptions> = {}, seed = 20_240_601) {
  const picture = createPicture({ seed, ...options });
  picture.start(T0);
  const opening = picture.agencies.flatMap((a) => picture.snapshot(a));
  const later: Outgoing[] = [];
  for (let t = T0; t <= T0 + ms; t += 500) later.push(...picture.tick(t));
  return { picture, opening, later, all: [...opening, ...later] };
}

/** The schema a message is checked against, as ingest checks it (CAP decoded first). */
function validate(m: Outgoing) {
  switch (m.kind) {
    case 'incident':
      return IncidentMessage.safeParse(m.body);
    case 'resource':
      return (m.telemetry ? PositionMessage : ResourceMessage).safeParse(m.body);
    case 'riskarea':
      return RiskAreaMessage.safeParse(m.body);
    case 'place':
      return PlaceMessage.safeParse(m.body);
    case 'shelter':
      return ShelterMessage.safeParse(m.body);
    case 'weather':
      return WeatherMessage.safeParse(m.body);
    case 'order':
      return OrderReplyMessage.safeParse(m.body);
    case 'warning':
      return WarningMessage.safeParse(decodeCap(Buffer.from(m.body as string), 262_144));
  }
}

const onLand = ([lng, lat]: LngLat) =>
  lng >= DEMO_LAND_BBOX.west &&
  lng <= DEMO_LAND_BBOX.east &&
  lat >= DEMO_LAND_BBOX.south &&
  lat <= DEMO_LAND_BBOX.north &&
  Object.values(WATER_BOXES).every(([w, s, e, n]) => lng < w || lng > e || lat < s || lat > n);

const point = (m: Outgoing) =>
  (m.body as { location: { coordinates: LngLat } }).location.coordinates;
const body = (m: Outgoing) => m.body as Body;
const latest = (messages: Outgoing[], kind: Outgoing['kind']) => {
  const byId = new Map<string, Body>();
  for (const m of messages)
    if (m.kind === kind && !m.telemetry) byId.set(`${m.agency}:${String(body(m).id)}`, body(m));
  return [...byId.values()];
};

describe('the demo picture', () => {
  const twoHours = run(2 * HOUR);

  it('publishes only messages every feed schema accepts', () => {
    const kinds = new Set<string>();
    for (const m of twoHours.all) {
      kinds.add(m.telemetry ? 'position' : m.kind);
      const result = validate(m);
      if (!result.success) {
        expect.fail(`${m.agency} ${m.kind}: ${JSON.stringify(result.error.issues[0])}`);
      }
    }
    expect([...kinds].sort()).toEqual([
      'incident',
      'place',
      'position',
      'resource',
      'riskarea',
      'shelter',
      'warning',
      'weather',
    ]);
  });

  it('publishes as the public agencies of demo/agencies.demo.yaml, each only its kinds', () => {
    const file = loadAgencies(DEMO_AGENCIES_FILE);
    const publishes = new Map(PUBLIC_AGENCIES.map((a) => [a.id, new Set<string>(a.publishes)]));
    for (const a of PUBLIC_AGENCIES) {
      const account = file.accounts.find((x) => x.id === a.id);
      // The agencies file lets it publish exactly what the simulator publishes as it.
      expect(account?.role === 'agency' && account.kinds, a.id).toEqual(a.publishes);
    }
    for (const m of twoHours.all)
      expect(publishes.get(m.agency)?.has(m.kind), `${m.agency} ${m.kind}`).toBe(true);
  });

  it('opens with 6–10 active incidents of every category and status, one of level II', () => {
    const incidents = latest(twoHours.opening, 'incident') as IncidentMessage[];
    const active = incidents.filter((i) => i.status !== 'closed');
    expect(active.length).toBeGreaterThanOrEqual(6);
    expect(active.length).toBeLessThanOrEqual(10);
    expect(active.filter((i) => i.level === 'II')).toHaveLength(1);
    expect(active.filter((i) => i.level === 'III' || i.level === 'IV').length).toBe(
      active.length - 1,
    );
    expect(new Set(active.map((i) => i.category)).size).toBe(4);
    expect(new Set(active.map((i) => i.type)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(active.map((i) => i.status))).toEqual(
      new Set(['reported', 'verified', 'responding', 'controlled']),
    );
    expect(active.filter((i) => i.area).length).toBeGreaterThanOrEqual(2);
    expect(active.filter((i) => (i.casualties?.injured ?? 0) > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('has this year’s production-safety accidents closed, with a few deaths', () => {
    const incidents = latest(twoHours.opening, 'incident') as IncidentMessage[];
    const closed = incidents.filter((i) => i.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(8);
    expect(closed.every((i) => i.category === 'accident_disaster')).toBe(true);
    const deaths = closed.reduce((n, i) => n + (i.casualties?.dead ?? 0), 0);
    expect(deaths).toBeGreaterThanOrEqual(3);
    expect(deaths).toBeLessThanOrEqual(12);
    for (const i of closed) {
      const ts = Date.parse(i.ts);
      expect(ts).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00+08:00'));
      expect(ts).toBeLessThan(T0);
    }
  });

  it('opens with 60–100 resources of every kind, depots with stock, and shelters only as the shelter kind', () => {
    const resources = latest(twoHours.opening, 'resource') as ResourceMessage[];
    expect(resources.length).toBeGreaterThanOrEqual(60);
    expect(resources.length).toBeLessThanOrEqual(100);
    expect(new Set(resources.map((r) => r.type))).toEqual(
      new Set([
        'fire_engine',
        'ambulance',
        'rescue_team',
        'hazmat_unit',
        'police_car',
        'boat',
        'heavy_machinery',
        'expert',
        'material_depot',
      ]),
    );
    const depots = resources.filter((r) => r.type === 'material_depot');
    expect(depots.length).toBeGreaterThanOrEqual(3);
    expect(depots.length).toBeLessThanOrEqual(4);
    for (const d of depots) expect(d.inventory?.length, d.name).toBeGreaterThanOrEqual(4);
    const items = depots.flatMap((d) => d.inventory?.map((l) => l.item) ?? []).join(' ');
    for (const item of ['泡沫', '编织袋', '排涝泵', '吸附棉', '防化服'])
      expect(items).toContain(item);
    // One model of a shelter: the bureau registers them as the shelter kind, none as a resource.
    const shelters = latest(twoHours.opening, 'shelter') as ShelterMessage[];
    expect(shelters.length).toBeGreaterThanOrEqual(2);
    expect(shelters.length).toBeLessThanOrEqual(3);
    for (const s of shelters) expect(s.occupancy ?? 0).toBeLessThanOrEqual(s.capacity);
    expect(shelters.filter((s) => s.status === 'open' && (s.occupancy ?? 0) > 0)).toHaveLength(1);
    const ids = new Set(resources.map((r) => r.id));
    const names = new Set(resources.map((r) => r.name));
    for (const s of shelters) expect(ids.has(s.id) || names.has(s.name), s.name).toBe(false);
    expect(new Set(resources.map((r) => r.status))).toEqual(
      new Set(['available', 'en_route', 'on_scene', 'returning']),
    );
  });

  it('keeps 2–3 weather warnings and a four-colour map of 10–15 areas', () => {
    const warnings = twoHours.opening.filter((m) => m.kind === 'warning');
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings.length).toBeLessThanOrEqual(3);
    for (const w of warnings) {
      const msg = WarningMessage.parse(decodeCap(Buffer.from(w.body as string), 262_144));
      expect(msg.headline).toMatch(/^常州市气象台发布.+预警信号$/);
      expect(Date.parse(msg.expires) - T0).toBeGreaterThanOrEqual(2 * HOUR);
      for (const area of msg.areas!) expect(area.geometry?.type).toBe('Polygon');
    }
    const areas = latest(twoHours.opening, 'riskarea') as RiskAreaMessage[];
    expect(areas.length).toBeGreaterThanOrEqual(10);
    expect(areas.length).toBeLessThanOrEqual(16);
    expect(new Set(areas.map((a) => a.level))).toEqual(
      new Set(['red', 'orange', 'yellow', 'blue']),
    );
  });

  it('puts everything that stands on land on land inside Changzhou', () => {
    for (const m of twoHours.all) {
      if (m.kind !== 'incident' && m.kind !== 'resource') continue;
      if (!onLand(point(m)))
        expect.fail(`${m.agency}:${String(body(m).id)} at ${point(m).join(',')}`);
    }
    for (const r of DEMO_RESOURCES) expect(onLand(r.station), r.id).toBe(true);
    for (const p of PLACES) expect(onLand(p.at), p.name).toBe(true);
    for (const n of Object.values(ROAD_NODES)) expect(onLand(n)).toBe(true);
  });

  it('drives on roads that never cross a lake or the Yangtze', () => {
    const along = (a: LngLat, b: LngLat) =>
      Array.from({ length: 41 }, (_, i): LngLat => [
        a[0] + ((b[0] - a[0]) * i) / 40,
        a[1] + ((b[1] - a[1]) * i) / 40,
      ]);
    for (const [a, b] of ROAD_EDGES) {
      for (const p of along(ROAD_NODES[a], ROAD_NODES[b]))
        expect(onLand(p), `${a}–${b}`).toBe(true);
    }
    // Every station to every place an incident can happen, the longest trips included.
    const targets = [
      ...PLACES.map((p) => p.at),
      ...CHANGZHOU_SCENARIO.map((s) => s.hazard.location.coordinates),
    ];
    for (const r of DEMO_RESOURCES) {
      for (const to of targets) {
        const route = planRoute(r.station, to);
        for (let i = 1; i < route.points.length; i++) {
          for (const p of along(route.points[i - 1]!, route.points[i]!)) {
            if (!onLand(p))
              expect.fail(`${r.id} → ${to.join(',')} crosses water at ${p.join(',')}`);
          }
        }
      }
    }
  });

  it('moves vehicles that are on their way, reporting their position every few seconds', () => {
    const positions = twoHours.later.filter((m) => m.telemetry);
    const first = positions.filter((m) => Date.parse(String(body(m).ts)) <= T0 + 30_000);
    const moving = new Set(first.map((m) => `${m.agency}:${String(body(m).id)}`));
    expect(moving.size).toBeGreaterThanOrEqual(5);
    const one = [...moving][0]!;
    const track = positions
      .filter((m) => `${m.agency}:${String(body(m).id)}` === one)
      .map((m) => Date.parse(String(body(m).ts)));
    const gaps = track.slice(1, 10).map((t, i) => t - track[i]!);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(5_000);
  });

  it('brings a new everyday incident every few minutes and a serious one about every 15', () => {
    const generated = latest(twoHours.later, 'incident').filter((i) =>
      String(i.id).startsWith('SJ'),
    );
    const serious = generated.filter((i) => i.level === 'I' || i.level === 'II');
    const everyday = generated.filter((i) => i.level === 'III' || i.level === 'IV');
    expect(everyday.length).toBeGreaterThanOrEqual(15);
    expect(everyday.length).toBeLessThanOrEqual(50);
    expect(serious.length).toBeGreaterThanOrEqual(3);
    expect(serious.length).toBeLessThanOrEqual(12);
    const statuses = twoHours.later.filter((m) => m.kind === 'incident').map((m) => body(m).status);
    expect(new Set(statuses)).toEqual(
      new Set(['reported', 'verified', 'responding', 'controlled', 'closed']),
    );
    const firstSerious = twoHours.later.find(
      (m) => m.kind === 'incident' && ['I', 'II'].includes(String(body(m).level)),
    );
    expect(Date.parse(String(firstSerious && body(firstSerious).ts)) - T0).toBeLessThanOrEqual(
      5 * 60_000,
    );
  });

  it('can leave out the trickle and the serious incidents', () => {
    const quiet = run(HOUR, { everydayEveryMs: 0, seriousEveryMs: 0 });
    expect(latest(quiet.later, 'incident').filter((i) => String(i.id).startsWith('SJ'))).toEqual(
      [],
    );
  });

  it('re-issues each warning as a CAP update before it expires', () => {
    const long = run(5 * HOUR, { everydayEveryMs: 0, seriousEveryMs: 0 });
    const rain = long.all
      .filter((m) => m.kind === 'warning')
      .map((m) => WarningMessage.parse(decodeCap(Buffer.from(m.body as string), 262_144)))
      .filter((w) => w.event === '暴雨');
    expect(rain.map((w) => w.msgType)).toEqual(['alert', 'update', 'update']);
    for (let i = 1; i < rain.length; i++) {
      const [before, after] = [rain[i - 1]!, rain[i]!];
      expect(after.references).toEqual([before.id]);
      expect(Date.parse(after.ts)).toBeLessThan(Date.parse(before.expires));
      expect(Date.parse(after.expires)).toBeGreaterThan(Date.parse(before.expires));
    }
  });

  it('replays exactly from the same seed and differs with another', () => {
    const a = run(HOUR / 2).all;
    const b = run(HOUR / 2).all;
    const c = run(HOUR / 2, {}, 7).all;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('stamps every entity’s messages in increasing time', () => {
    const last = new Map<string, number>();
    for (const m of twoHours.all) {
      if (m.kind === 'warning' || m.kind === 'order') continue;
      const key = `${m.telemetry ? 'p' : m.kind}:${m.agency}:${String(body(m).id)}`;
      const ts = Date.parse(String(body(m).ts));
      const before = last.get(key);
      if (before !== undefined && m.kind !== 'riskarea' && ts <= before) {
        expect.fail(`${key}: ${String(body(m).ts)} after ${new Date(before).toISOString()}`);
      }
      last.set(key, ts);
    }
  });
});
