import { describe, expect, it } from 'vitest';
import type { Hazard, Incident, Position, Resource } from '@cc/shared';
import { computeCoverage, coverageAlarm } from '../../ingest/src/fire-coverage/coverage';

const hazard = (id: string, grade: number, location: [number, number]): Hazard =>
  ({
    id,
    agency: 'ent',
    ts: 1,
    name: `危险源 ${id}`,
    enterprise: '企业',
    grade,
    chemicals: [],
    sensors: [],
    location,
  }) as unknown as Hazard; // Only the fields coverage reads; the rest of a hazard plays no part.

const engine = (id: string, location: [number, number], status = 'available'): Resource => ({
  id,
  agency: 'cz-119',
  ts: 10,
  type: 'fire_engine',
  name: `水罐车 ${id}`,
  status: status as Resource['status'],
  location,
});

const incident = (id: string, level: 'I' | 'II' | 'III', status = 'responding'): Incident =>
  ({
    id,
    agency: 'cz-119',
    ts: 1,
    type: 'fire',
    category: 'accident_disaster',
    level,
    status,
    title: `火情 ${id}`,
    location: [120.0, 31.8],
  }) as Incident;

// 0.009° of latitude ≈ 1 km: a fire engine at 40 km/h planning speed takes 1.5 min per km.
const A: [number, number] = [120.0, 31.8];
const NORTH = (km: number): [number, number] => [120.0, 31.8 + 0.009 * km];

describe('fire-rescue coverage', () => {
  it('covers a grade-1 hazard an available engine reaches within 5 min, not one 5 km away', () => {
    const c = computeCoverage({
      hazards: [hazard('near', 1, A), hazard('far', 2, NORTH(10))],
      incidents: [],
      resources: [engine('e1', NORTH(1))],
      positions: new Map(),
      targetMinutes: 5,
    });
    expect(c.targets.map((t) => [t.id, t.covered, t.etaMinutes, t.unitId])).toEqual([
      ['far', false, 14, 'e1'],
      ['near', true, 2, 'e1'],
    ]);
    expect(c.uncovered).toBe(1);
  });

  it('leaves out grade-3/4 hazards, level III incidents and closed incidents', () => {
    const c = computeCoverage({
      hazards: [hazard('g3', 3, A)],
      incidents: [incident('i3', 'III'), incident('i1', 'I', 'closed'), incident('i2', 'II')],
      resources: [],
      positions: new Map(),
      targetMinutes: 5,
    });
    expect(c.targets.map((t) => t.id)).toEqual(['i2']);
    expect(c.targets[0]).toMatchObject({ kind: 'incident', etaMinutes: null, covered: false });
  });

  it('counts only available engines, where their latest position puts them', () => {
    const base = {
      hazards: [hazard('h', 1, A)],
      incidents: [],
      targetMinutes: 5,
    };
    const dispatched = computeCoverage({
      ...base,
      resources: [engine('e1', NORTH(1), 'dispatched'), engine('e2', NORTH(6))],
      positions: new Map(),
    });
    expect(dispatched.targets[0]).toMatchObject({ unitId: 'e2', etaMinutes: 10, covered: false });
    const moved: Position = { id: 'e2', ts: 20, location: NORTH(2) };
    const back = computeCoverage({
      ...base,
      resources: [engine('e1', NORTH(1), 'dispatched'), engine('e2', NORTH(6))],
      positions: new Map([['e2', moved]]),
    });
    expect(back.targets[0]).toMatchObject({ unitId: 'e2', etaMinutes: 4, covered: true });
  });

  it('takes a configured target: 10 min covers what 5 min does not', () => {
    const c = computeCoverage({
      hazards: [hazard('h', 1, A)],
      incidents: [],
      resources: [engine('e', NORTH(6))],
      positions: new Map(),
      targetMinutes: 10,
    });
    expect(c.targets[0]).toMatchObject({ etaMinutes: 10, covered: true });
    expect(c.uncovered).toBe(0);
  });

  it('raises one alarm while anything is uncovered, follows the count, clears when all are covered', () => {
    const raised = coverageAlarm({ uncovered: 2, targetMinutes: 5 }, undefined, 100)!;
    expect(raised).toMatchObject({ cause: 'coverage', status: 'active', lastValue: 2 });
    expect(coverageAlarm({ uncovered: 2, targetMinutes: 5 }, raised, 200)).toBeUndefined();
    expect(coverageAlarm({ uncovered: 1, targetMinutes: 5 }, raised, 300)).toMatchObject({
      lastValue: 1,
      raisedAt: 100,
    });
    expect(coverageAlarm({ uncovered: 0, targetMinutes: 5 }, raised, 400)).toMatchObject({
      status: 'cleared',
      clearedAt: 400,
    });
    expect(coverageAlarm({ uncovered: 0, targetMinutes: 5 }, undefined, 500)).toBeUndefined();
  });
});
