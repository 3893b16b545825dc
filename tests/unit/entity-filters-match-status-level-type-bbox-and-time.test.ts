import { describe, expect, it } from 'vitest';
import {
  EntityQuery,
  filterEntities,
  unsupportedFilter,
} from '../../server/src/query/entity-filters';

const q = (query: Record<string, string>) => EntityQuery.parse(query);

const incidents = [
  {
    id: 'a',
    ts: 1_000,
    status: 'responding',
    level: 'III',
    type: 'fire',
    location: [119.97, 32.0],
  },
  { id: 'b', ts: 3_000, status: 'reported', level: 'IV', type: 'flood', location: [119.5, 31.5] },
  {
    id: 'c',
    ts: 2_000,
    status: 'responding',
    level: 'IV',
    type: 'fire',
    location: [119.96, 32.01],
  },
];

describe('entity filters', () => {
  it('returns everything newest first without filters, up to the limit', () => {
    expect(filterEntities('incidents', incidents, q({})).map((e) => e.id)).toEqual(['b', 'c', 'a']);
    expect(filterEntities('incidents', incidents, q({ limit: '2' })).map((e) => e.id)).toEqual([
      'b',
      'c',
    ]);
  });

  it('matches status, level and type exactly', () => {
    const ids = (query: Record<string, string>) =>
      filterEntities('incidents', incidents, q(query)).map((e) => e.id);
    expect(ids({ status: 'responding' })).toEqual(['c', 'a']);
    expect(ids({ status: 'responding', level: 'IV' })).toEqual(['c']);
    expect(ids({ type: 'flood' })).toEqual(['b']);
  });

  it('keeps entities whose extent meets the bbox', () => {
    const ids = filterEntities('incidents', incidents, q({ bbox: '119.9,31.9,120,32.1' })).map(
      (e) => e.id,
    );
    expect(ids).toEqual(['c', 'a']);
    const area = {
      id: 'ra',
      ts: 1,
      level: 'red',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [119, 31],
            [121, 31],
            [121, 33],
            [119, 31],
          ],
        ],
      },
    };
    // The query box lies inside the polygon's extent.
    expect(filterEntities('riskareas', [area], q({ bbox: '119.9,31.9,120,32' }))).toHaveLength(1);
    expect(filterEntities('riskareas', [area], q({ bbox: '100,10,101,11' }))).toHaveLength(0);
  });

  it('bounds by time given as epoch ms or RFC 3339', () => {
    const ids = (query: Record<string, string>) =>
      filterEntities('incidents', incidents, q(query)).map((e) => e.id);
    expect(ids({ since: '2000' })).toEqual(['b', 'c']);
    expect(ids({ until: new Date(2_000).toISOString() })).toEqual(['c', 'a']);
    expect(ids({ since: '1970-01-01T08:00:02+08:00', until: '2000' })).toEqual(['c']);
  });

  it('uses each kind’s own fields: a warning’s signal is its level, an alarm’s updatedAt its time', () => {
    const warnings = [{ id: 'w', ts: 5, signal: 'red', event: '暴雨' }];
    expect(filterEntities('warnings', warnings, q({ level: 'red' }))).toHaveLength(1);
    const alarms = [{ id: 'x', updatedAt: 50, status: 'active', level: 'HH', cause: 'threshold' }];
    expect(filterEntities('alarms', alarms, q({ since: '40', type: 'threshold' }))).toHaveLength(1);
  });

  it('refuses bad input and filters a kind does not have', () => {
    for (const bad of [
      { bbox: '1,2,3' },
      { bbox: '10,0,5,1' },
      { bbox: 'a,b,c,d' },
      { since: 'yesterday' },
      { since: '2026-11-28' },
      { since: '3000', until: '2000' },
      { limit: '0' },
      { limit: '5000' },
      { colour: 'red' },
    ]) {
      expect(EntityQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(unsupportedFilter('hazards', q({ status: 'active' }))).toBe('status');
    expect(unsupportedFilter('resources', q({ level: 'III' }))).toBe('level');
    expect(unsupportedFilter('incidents', q({ level: 'III' }))).toBeUndefined();
  });
});
