import { describe, expect, it } from 'vitest';
import type { Resource } from '@cc/shared';
import { haversineKm } from '../../server/src/query/geo';
import { etaMinutes, rankNearest } from '../../server/src/query/nearest';

const ORIGIN = [119.95, 31.78] as const;

function unit(
  id: string,
  type: Resource['type'],
  status: Resource['status'],
  location: [number, number],
): { resource: Resource; location: [number, number] } {
  return {
    resource: { id, agency: 'fire', ts: 1, type, name: id, status, location },
    location,
  };
}

const FIXTURE = [
  unit('far-engine', 'fire_engine', 'available', [120.1, 31.78]),
  unit('ambulance', 'ambulance', 'available', [119.95, 31.8]),
  unit('busy-engine', 'fire_engine', 'dispatched', [119.951, 31.78]),
  unit('shelter', 'shelter', 'available', [119.95, 31.77]),
  unit('engine', 'fire_engine', 'available', [119.96, 31.78]),
];

describe('nearest available resources', () => {
  it('ranks available units by straight-line distance, with ETA by type', () => {
    const ranked = rankNearest(FIXTURE, { origin: ORIGIN, limit: 10, radiusKm: 50 });
    expect(ranked.map((r) => [r.resource.id, r.distanceKm, r.etaMinutes])).toEqual([
      ['engine', 0.945, 2],
      ['shelter', 1.112, undefined],
      ['ambulance', 2.224, 3],
      ['far-engine', 14.179, 22],
    ]);
  });

  it('filters by type, radius and limit', () => {
    const engines = rankNearest(FIXTURE, {
      origin: ORIGIN,
      type: 'fire_engine',
      limit: 10,
      radiusKm: 50,
    });
    expect(engines.map((r) => r.resource.id)).toEqual(['engine', 'far-engine']);
    expect(
      rankNearest(FIXTURE, { origin: ORIGIN, limit: 10, radiusKm: 2 }).map((r) => r.resource.id),
    ).toEqual(['engine', 'shelter']);
    expect(rankNearest(FIXTURE, { origin: ORIGIN, limit: 1, radiusKm: 50 })).toHaveLength(1);
  });

  it('breaks distance ties by id, so the order is stable', () => {
    const tied = [
      unit('b', 'boat', 'available', [119.96, 31.78]),
      unit('a', 'boat', 'available', [119.96, 31.78]),
    ];
    expect(
      rankNearest(tied, { origin: ORIGIN, limit: 5, radiusKm: 5 }).map((r) => r.resource.id),
    ).toEqual(['a', 'b']);
  });

  it('gives ETAs from the planning speeds; fixed sites have none', () => {
    expect(etaMinutes('helicopter', 100)).toBe(30);
    expect(etaMinutes('heavy_machinery', 25)).toBe(60);
    expect(etaMinutes('material_depot', 1)).toBeUndefined();
    expect(etaMinutes('shelter', 1)).toBeUndefined();
  });

  it('measures one degree of latitude as about 111 km', () => {
    expect(haversineKm([0, 0], [0, 1])).toBeCloseTo(111.195, 2);
  });
});
