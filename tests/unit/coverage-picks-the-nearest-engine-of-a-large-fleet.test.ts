import { describe, expect, it } from 'vitest';
import type { Hazard, Resource } from '@cc/shared';
import { COVERAGE_CANDIDATES, computeCoverage } from '../../ingest/src/fire-coverage/coverage';
import { haversineKm } from '../../server/src/query/geo';

const hazard = (id: string, location: [number, number]): Hazard =>
  ({
    id,
    agency: 'ent',
    ts: 1,
    name: `危险源 ${id}`,
    enterprise: '企业',
    grade: 1,
    chemicals: [],
    sensors: [],
    location,
  }) as unknown as Hazard; // Only the fields coverage reads; the rest of a hazard plays no part.

const engine = (id: string, location: [number, number]): Resource => ({
  id,
  agency: 'cz-119',
  ts: 10,
  type: 'fire_engine',
  name: `水罐车 ${id}`,
  status: 'available',
  location,
});

/** A repeatable scatter over the city (a linear congruential generator). */
function scatter(n: number, seed: number): [number, number][] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => [119.5 + next() * 0.6, 31.4 + next() * 0.6]);
}

describe('fire-rescue coverage over a large fleet', () => {
  it(`names the nearest of 1,300 engines for each of 200 targets (estimating ${COVERAGE_CANDIDATES} per target)`, () => {
    const engines = scatter(1_300, 7).map((at, i) => engine(`e${i}`, at));
    const hazards = scatter(200, 11).map((at, i) => hazard(`h${i}`, at));
    const c = computeCoverage({
      hazards,
      incidents: [],
      resources: engines,
      positions: new Map(),
      targetMinutes: 5,
    });
    expect(c.targets).toHaveLength(200);
    for (const t of c.targets) {
      const nearest = engines.reduce((best, e) =>
        haversineKm(e.location, t.location) < haversineKm(best.location, t.location) ? e : best,
      );
      expect(t.unitId, t.id).toBe(nearest.id);
    }
  });
});
