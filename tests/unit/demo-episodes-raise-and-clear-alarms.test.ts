import { describe, expect, it } from 'vitest';
import { effectiveDeadband, readingLevel, type ReadingLevel, type Thresholds } from '@cc/shared';
import { CHANGZHOU_SCENARIO } from '../../demo/src/scenario/index';
import { createEngine } from '../../demo/src/simulator/engine';
import {
  episodeDirections,
  episodeEndMs,
  episodeOffset,
  planEpisode,
} from '../../demo/src/simulator/episodes';
import { createRng } from '../../demo/src/simulator/prng';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const STEP = 2_000;

const allSensors = CHANGZHOU_SCENARIO.flatMap((site) =>
  site.hazard.sensors.map((s) => ({ key: `${site.agency}:${s.id}`, agency: site.agency, spec: s })),
);

/** Distinct consecutive levels a sensor's readings go through, as the ingest rules see them. */
function levelTrail(thresholds: Thresholds, values: number[]): ReadingLevel[] {
  const trail: ReadingLevel[] = [];
  let level: ReadingLevel = 'normal';
  for (const v of values) {
    level = readingLevel(thresholds, level, v);
    if (trail.at(-1) !== level) trail.push(level);
  }
  return trail;
}

describe('a scripted episode', () => {
  it('rises smoothly to its peak, holds, and falls back to nothing', () => {
    const profile = { baseline: 60, noise: 0.6, min: 0, max: 100, decimals: 1 };
    const t = { high: 85, highHigh: 95, deadband: 1 };
    const e = planEpisode(createRng(1), 'x:LT-1', 'high', t, profile, 1_000);
    expect(episodeOffset(e, 0)).toBe(0);
    expect(episodeOffset(e, 1_000 + e.rampUpMs)).toBeCloseTo(e.offset);
    expect(profile.baseline + e.offset).toBeGreaterThan(95);
    expect(profile.baseline + e.offset).toBeLessThanOrEqual(100);
    expect(episodeOffset(e, episodeEndMs(e))).toBe(0);
    let prev = 0;
    for (let ms = 1_000; ms <= 1_000 + e.rampUpMs; ms += 500) {
      expect(episodeOffset(e, ms)).toBeGreaterThanOrEqual(prev);
      prev = episodeOffset(e, ms);
    }
    const length = episodeEndMs(e) - e.startMs;
    expect(length).toBeGreaterThanOrEqual(70_000);
    expect(length).toBeLessThanOrEqual(150_000);
  });

  it.each(allSensors.map((s) => [s.key, s] as const))(
    'on %s crosses high-high and returns below high',
    (key, { agency, spec }) => {
      const engine = createEngine({ sites: CHANGZHOU_SCENARIO, seed: 9, episodes: false });
      engine.tick(T0);
      for (const direction of episodeDirections(spec.thresholds)) {
        const start = T0 + 10_000;
        const e = engine.startEpisode(key, start, direction);
        const values: number[] = [];
        for (let t = start; t <= episodeEndMs(e) + 30_000; t += STEP) {
          const batch = engine.tick(t).find((b) => b.agency === agency);
          const value = batch?.readings.find((r) => r.id === spec.id)?.value;
          if (value !== undefined) values.push(value);
        }
        const [outer, inner] =
          direction === 'high' ? (['HH', 'H'] as const) : (['LL', 'L'] as const);
        expect(levelTrail(spec.thresholds, values), direction).toEqual([
          'normal',
          inner,
          outer,
          inner,
          'normal',
        ]);
        const last = values.at(-1) ?? Number.NaN;
        const d = effectiveDeadband(spec.thresholds);
        if (direction === 'high') expect(last).toBeLessThan((spec.thresholds.high ?? 0) - d);
        else expect(last).toBeGreaterThan((spec.thresholds.low ?? 0) + d);
      }
    },
  );
});

describe('the episode schedule', () => {
  it('keeps two or three sensors in trouble at a time, on changing sensors', () => {
    const engine = createEngine({ sites: CHANGZHOU_SCENARIO, seed: 2024 });
    const started = new Map<string, number>();
    const concurrent: number[] = [];
    for (let t = T0; t <= T0 + 60 * 60_000; t += STEP) {
      engine.tick(t);
      const active = engine.activeEpisodes();
      for (const e of active) started.set(`${e.key}@${e.startMs}`, e.startMs);
      if (t >= T0 + 5 * 60_000) concurrent.push(active.length);
    }
    const firstStart = Math.min(...started.values());
    expect(firstStart - T0).toBeLessThanOrEqual(6_000);
    expect(Math.max(...concurrent)).toBeLessThanOrEqual(3);
    const mean = concurrent.reduce((a, b) => a + b, 0) / concurrent.length;
    expect(mean).toBeGreaterThanOrEqual(2);
    // A new episode every 20–40 s once there is room: dozens in an hour, on many sensors.
    expect(started.size).toBeGreaterThan(40);
    const sensorsHit = new Set([...started.keys()].map((k) => k.split('@')[0]));
    expect(sensorsHit.size).toBeGreaterThan(25);
  });
});
