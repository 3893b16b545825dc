import { describe, expect, it } from 'vitest';
import type { Order, Resource, SupportRoute } from '@cc/shared';
import { arrivalMinutes, pathKm, remainingPath, shareLeft } from '../../client/src/command/arrival';
import { followedUnits, TRAIL_MAX_POINTS, UnitTrails } from '../../client/src/command/unit-trails';

const INCIDENT: [number, number] = [120, 32];
const T0 = Date.parse('2026-12-07T10:00:00Z');

function order(fields: Partial<Order> & Pick<Order, 'resourceId' | 'kind' | 'sentAt'>): Order {
  return {
    id: `${fields.kind}-${fields.resourceId}-${fields.sentAt}`,
    agency: 'fire',
    incidentId: 'inc-1',
    status: 'acknowledged',
    by: 'commander-1',
    updatedAt: fields.sentAt,
    ts: fields.sentAt,
    ...fields,
  };
}

function unit(id: string, status: Resource['status']): Resource {
  return {
    id,
    agency: 'fire',
    ts: T0,
    type: 'fire_engine',
    name: id,
    status,
    location: [119.9, 32],
  } as Resource;
}

describe('the tablet following dispatched units', () => {
  it('follows a unit dispatched and on its way or on scene; not once recalled, refused or back', () => {
    const orders = [
      order({ resourceId: 'a', kind: 'dispatch', sentAt: T0 }),
      order({ resourceId: 'b', kind: 'dispatch', sentAt: T0 }),
      order({ resourceId: 'b', kind: 'recall', sentAt: T0 + 1 }),
      order({ resourceId: 'c', kind: 'dispatch', sentAt: T0, status: 'refused' }),
      order({ resourceId: 'd', kind: 'dispatch', sentAt: T0 }),
      order({ resourceId: 'e', kind: 'dispatch', sentAt: T0, incidentId: 'inc-2' }),
    ];
    const resources = new Map(
      [
        unit('a', 'en_route'),
        unit('b', 'en_route'),
        unit('c', 'en_route'),
        unit('d', 'available'),
        unit('e', 'on_scene'),
      ].map((r) => [r.id, r]),
    );
    expect([...followedUnits(orders, resources)]).toEqual([
      ['a', 'inc-1'],
      ['e', 'inc-2'],
    ]);
  });

  it('grows a trail with each new place a unit is seen at, skips repeats, forgets a unit no longer followed', () => {
    const trails = new UnitTrails();
    expect(trails.update(new Map([['a', [119.9, 32] as const]]))).toBe(true);
    expect(trails.update(new Map([['a', [119.9, 32] as const]]))).toBe(false);
    trails.update(new Map([['a', [119.92, 32] as const]]));
    trails.update(new Map([['a', [119.94, 32] as const]]));
    expect(trails.trail('a')).toEqual([
      [119.9, 32],
      [119.92, 32],
      [119.94, 32],
    ]);
    for (let i = 0; i < TRAIL_MAX_POINTS + 10; i++)
      trails.update(new Map([['a', [119.9 + i * 1e-4, 32.1] as const]]));
    expect(trails.trail('a')).toHaveLength(TRAIL_MAX_POINTS);
    expect(trails.update(new Map())).toBe(true);
    expect(trails.trail('a')).toEqual([]);
  });

  it('cuts a road route at the point nearest the unit and measures what is left', () => {
    const path: [number, number][] = [
      [119.9, 32],
      [119.95, 32],
      [119.95, 32.05],
      [120, 32.05],
    ];
    // Beside the second leg, half way up.
    const rest = remainingPath(path, [119.951, 32.025]);
    expect(rest[0]![0]).toBeCloseTo(119.95, 6);
    expect(rest[0]![1]).toBeCloseTo(32.025, 6);
    expect(rest.slice(1)).toEqual(path.slice(2));
    const whole = pathKm(path);
    const route: SupportRoute = {
      resourceId: 'a',
      distanceKm: whole,
      etaMinutes: 12,
      basis: 'road',
      path,
    };
    expect(shareLeft(route, [119.951, 32.025], INCIDENT)).toBeCloseTo(pathKm(rest) / whole, 6);
    expect(shareLeft(route, [119.9, 32], INCIDENT)).toBeCloseTo(1, 6);
    expect(shareLeft(route, [120, 32.05], INCIDENT)).toBeCloseTo(0, 6);
  });

  it('counts the ETA down with the clock, re-anchors it on each position by the way left, and stops at 0', () => {
    // Straight line: 9.44 km west of the incident, 12 minutes.
    const route: SupportRoute = {
      resourceId: 'a',
      distanceKm: 9.44,
      etaMinutes: 12,
      basis: 'straight',
    };
    const base = { route, at: T0, incidentAt: INCIDENT };
    expect(arrivalMinutes({ ...base, now: T0 })).toBe(12);
    expect(arrivalMinutes({ ...base, now: T0 + 90_000 })).toBe(11);
    // A position half way there, reported a minute later: 6 minutes left as of then.
    const half = { ts: T0 + 60_000, location: [119.95, 32] as [number, number] };
    expect(arrivalMinutes({ ...base, now: T0 + 60_000, position: half })).toBe(6);
    expect(arrivalMinutes({ ...base, now: T0 + 150_000, position: half })).toBe(5);
    // A position older than the ETA changes nothing.
    expect(arrivalMinutes({ ...base, now: T0, position: { ...half, ts: T0 - 1_000 } })).toBe(12);
    // There: 0 (due), and a unit that stops reporting counts down to 0 and stays there.
    const there = { ts: T0 + 600_000, location: INCIDENT };
    expect(arrivalMinutes({ ...base, now: T0 + 600_000, position: there })).toBe(0);
    expect(arrivalMinutes({ ...base, now: T0 + 60 * 60_000 })).toBe(0);
  });
});
