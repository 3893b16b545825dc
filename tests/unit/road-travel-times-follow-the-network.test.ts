import { describe, expect, it } from 'vitest';
import type { Resource } from '@cc/shared';
import { ROAD_CLASS_KMH, RoadsFileError, loadRoadsFile, parseRoadsFile } from '@cc/shared/node';
import { haversineKm } from '../../server/src/query/geo';
import { rankNearest } from '../../server/src/query/nearest';
import { buildRoadNetwork } from '../../server/src/query/roads/network';
import { ACCESS_KMH, travelTimes } from '../../server/src/query/roads/travel';
import { E, LAKE_ROADS, N1, N2, S, W, X1, X2, X3, road } from '../fixtures/roads';

const network = buildRoadNetwork(LAKE_ROADS);
const km = (...points: [number, number][]) =>
  points.slice(1).reduce((sum, p, i) => sum + haversineKm(points[i]!, p), 0);

const unit = (id: string, type: Resource['type'], location: [number, number]) => ({
  resource: {
    id,
    agency: 'fire',
    ts: 1,
    type,
    name: id,
    status: 'available',
    location,
  } satisfies Resource,
  location,
});

describe('travel times on a road network', () => {
  it('follows the fastest way and times it at the roads’ speeds', () => {
    const [u1] = travelTimes(network, W, [
      { id: 'u1', from: E, topKmh: 80, withPath: true },
    ]).values();
    const lengthKm = km(E, N2, N1, W);
    expect(lengthKm).toBeCloseTo(8.561, 3);
    expect(u1!.km).toBeCloseTo(lengthKm, 3);
    expect(u1!.minutes).toBeCloseTo((lengthKm / ROAD_CLASS_KMH.primary) * 60, 3);
    // The way drawn goes round the lake's north shore: from E to N2, N1 and on to W.
    const path = u1!.path!;
    expect(path[0]).toEqual(E);
    expect(path.at(-1)).toEqual(W);
    expect(path).toContainEqual(N2);
    expect(path).toContainEqual(N1);
    expect(Math.max(...path.map((p) => p[1]))).toBeCloseTo(31.83, 6);
  });

  it('keeps a unit to its own top speed on faster roads', () => {
    const trunkKm = km(X3, E) + km(E, N2, N1, W);
    const times = travelTimes(network, W, [
      { id: 'ambulance', from: X3, topKmh: 80 },
      { id: 'engine', from: X3, topKmh: 60 },
    ]);
    const trunk = km(X3, E);
    const primary = km(E, N2, N1, W);
    expect(times.get('ambulance')!.km).toBeCloseTo(trunkKm, 3);
    expect(times.get('ambulance')!.minutes).toBeCloseTo((trunk / 80 + primary / 60) * 60, 3);
    expect(times.get('engine')!.minutes).toBeCloseTo((trunk / 60 + primary / 60) * 60, 3);
  });

  it('drives a one-way street only its way', () => {
    const along = travelTimes(network, X2, [{ id: 'a', from: X1, topKmh: 80 }]).get('a')!;
    expect(along.km).toBeCloseTo(km(X1, X2), 3);
    expect(along.minutes).toBeCloseTo((km(X1, X2) / ROAD_CLASS_KMH.secondary) * 60, 3);
    // Back from X2 to X1 the street is closed: round the residential loop, three times as far.
    const back = travelTimes(network, X1, [{ id: 'b', from: X2, topKmh: 80 }]).get('b')!;
    expect(back.km).toBeGreaterThan(3 * along.km);
    expect(back.minutes).toBeCloseTo((back.km / ROAD_CLASS_KMH.residential) * 60, 3);
  });

  it('reaches the road from off it by straight line at the access speed', () => {
    const off: [number, number] = [S[0] + 0.003, S[1]]; // 284 m east of S
    const t = travelTimes(network, W, [{ id: 'u', from: off, topKmh: 80 }]).get('u')!;
    const access = haversineKm(off, S);
    expect(t.km).toBeCloseTo(access + km(S, W), 3);
    expect(t.minutes).toBeCloseTo((access / ACCESS_KMH + km(S, W) / 60) * 60, 3);
  });

  it('gives no road time to a point far from every road, or cut off from the rest', () => {
    const far = travelTimes(network, W, [
      { id: 'far', from: [120.5, 31.5], topKmh: 80 },
      { id: 'island', from: [120.3, 31.9], topKmh: 80 },
      { id: 'near', from: S, topKmh: 80 },
    ]);
    expect([...far.keys()]).toEqual(['near']);
    expect(network.stats.droppedNodes).toBeGreaterThan(0);
  });

  it('ranks by road time where straight lines would rank the other way round (the lake)', () => {
    const candidates = [unit('u1', 'ambulance', E), unit('u2', 'ambulance', S)];
    const query = { origin: W, limit: 5, radiusKm: 50 } as const;
    const straight = rankNearest(candidates, query);
    expect(straight.map((r) => [r.resource.id, r.basis, r.distanceKm, r.etaMinutes])).toEqual([
      ['u1', 'straight', 1.89, 3],
      ['u2', 'straight', 2.78, 4],
    ]);
    const road = rankNearest(candidates, query, { roads: network, withRoute: (id) => id === 'u1' });
    expect(road.map((r) => [r.resource.id, r.basis, r.distanceKm, r.etaMinutes])).toEqual([
      ['u2', 'road', 2.78, 3],
      ['u1', 'road', 8.561, 9],
    ]);
    expect(road[0]!.route).toBeUndefined();
    expect(road[1]!.route?.[0]).toEqual(E);
  });

  it('keeps straight-line estimates for units that do not drive', () => {
    const [heli] = rankNearest(
      [unit('h', 'helicopter', E)],
      { origin: W, limit: 5, radiusKm: 50 },
      {
        roads: network,
      },
    );
    expect([heli!.basis, heli!.distanceKm, heli!.etaMinutes]).toEqual(['straight', 1.89, 1]);
  });

  it('ranks fixed sites after the units that move, and times everything by straight line for an incident off the network', () => {
    const candidates = [unit('shelter', 'shelter', W), unit('u1', 'ambulance', E)];
    const ranked = rankNearest(
      candidates,
      { origin: W, limit: 5, radiusKm: 50 },
      { roads: network },
    );
    expect(ranked.map((r) => [r.resource.id, r.basis, r.etaMinutes])).toEqual([
      ['u1', 'road', 9],
      ['shelter', 'straight', undefined],
    ]);
    const far = rankNearest(
      [unit('u1', 'ambulance', E)],
      { origin: [120.5, 31.5], limit: 5, radiusKm: 500 },
      {
        roads: network,
      },
    );
    expect(far.map((r) => r.basis)).toEqual(['straight']);
  });

  it('refuses a road without a class or speed, naming the feature', () => {
    const bad = { type: 'FeatureCollection', features: [road({}, W, E)] };
    expect(() => parseRoadsFile(bad, 'roads.geojson')).toThrow(RoadsFileError);
    expect(() => parseRoadsFile(bad, 'roads.geojson')).toThrow(
      /roads\.geojson is invalid\n {2}features\.0\.properties\.class: a road has a class/,
    );
  });

  it('says when the file cannot be read or is not JSON', () => {
    expect(() => loadRoadsFile('/nonexistent/roads.geojson')).toThrow(/cannot be read \(ENOENT/);
    expect(() => loadRoadsFile('README.md')).toThrow(/README\.md is not JSON/);
  });
});
