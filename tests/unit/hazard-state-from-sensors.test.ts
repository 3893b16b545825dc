import { describe, expect, it } from 'vitest';
import { hazardState, type Hazard, type Reading } from '@cc/shared';

const hazard: Hazard = {
  id: 'ent:h1',
  agency: 'ent',
  name: '罐区',
  enterprise: '某化工',
  grade: 2,
  chemicals: [],
  location: [119.9, 32],
  ts: 0,
  sensors: ['a', 'b'].map((s) => ({
    id: `ent:${s}`,
    hazardId: 'ent:h1',
    metric: 'level' as const,
    unit: '%',
    thresholds: { high: 85 },
    interval: 10,
  })),
};
const now = 1_000_000;
const r = (id: string, level: Reading['level'], age: number): Reading => ({
  id: `ent:${id}`,
  ts: now - age,
  value: 1,
  level,
});

describe('hazard state from its sensors', () => {
  it('is the worst stage among its sensors', () => {
    const readings = new Map([
      ['ent:a', r('a', 'H', 0)],
      ['ent:b', r('b', 'normal', 0)],
    ]);
    expect(hazardState(hazard, readings, now)).toBe('high');
    readings.set('ent:b', r('b', 'LL', 0));
    expect(hazardState(hazard, readings, now)).toBe('highhigh');
  });

  it('is offline when no sensor reported within three intervals and none is in alarm', () => {
    expect(hazardState(hazard, {}, now)).toBe('offline');
    const silent = { 'ent:a': r('a', 'normal', 31_000), 'ent:b': r('b', 'normal', 60_000) };
    expect(hazardState(hazard, silent, now)).toBe('offline');
    expect(hazardState(hazard, { ...silent, 'ent:b': r('b', 'normal', 29_000) }, now)).toBe(
      'normal',
    );
    expect(hazardState(hazard, { 'ent:a': r('a', 'HH', 60_000) }, now)).toBe('highhigh');
  });
});
