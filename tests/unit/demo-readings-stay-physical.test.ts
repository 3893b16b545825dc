import { describe, expect, it } from 'vitest';
import { ObservedAt, ReadingMessage, readingLevel, type Thresholds } from '@cc/shared';
import { CHANGZHOU_SCENARIO } from '../../demo/src/scenario/index';
import type { SensorProfile } from '../../demo/src/scenario/types';
import { createEngine } from '../../demo/src/simulator/engine';
import { createRng } from '../../demo/src/simulator/prng';
import { walkStep } from '../../demo/src/simulator/random-walk';
import { rfc3339 } from '../../demo/src/simulator/timestamp';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const sensors = new Map<string, { profile: SensorProfile; thresholds: Thresholds }>();
for (const site of CHANGZHOU_SCENARIO) {
  for (const s of site.hazard.sensors) {
    const profile = site.profiles[s.id];
    if (profile) sensors.set(`${site.agency}:${s.id}`, { profile, thresholds: s.thresholds });
  }
}

function run(seed: number, minutes: number, episodes: boolean, stepMs = 2_000) {
  const engine = createEngine({
    sites: CHANGZHOU_SCENARIO,
    seed,
    ...(episodes ? {} : { episodes: false }),
  });
  const out: Array<{ key: string; id: string; ts: string; value: number }> = [];
  for (let t = T0; t <= T0 + minutes * 60_000; t += stepMs) {
    for (const batch of engine.tick(t)) {
      for (const r of batch.readings) out.push({ key: `${batch.agency}:${r.id}`, ...r });
    }
  }
  return out;
}

describe('simulated readings', () => {
  it('stay within each sensor’s physical limits, alarms and all', () => {
    const readings = run(7, 30, true);
    expect(readings.length).toBeGreaterThan(sensors.size * 800);
    // Checked in a plain loop, one assertion at the end: an expect() per reading made this test
    // spend seconds in the assertion library on a loaded machine.
    const problems: string[] = [];
    for (const r of readings) {
      const s = sensors.get(r.key);
      if (!s) problems.push(`${r.key}: not a demo sensor`);
      else if (r.value < s.profile.min || r.value > s.profile.max)
        problems.push(`${r.key} read ${r.value}, outside [${s.profile.min}, ${s.profile.max}]`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('are valid reading messages stamped in China Standard Time', () => {
    const readings = run(7, 1, true);
    for (const { id, ts, value } of readings.slice(0, 500)) {
      expect(ReadingMessage.safeParse({ id, ts, value }).success).toBe(true);
      expect(ObservedAt.safeParse(ts).success).toBe(true);
    }
    expect(readings[0]?.ts).toBe('2025-06-01T08:00:00.000+08:00');
    expect(rfc3339(T0, -90)).toBe('2025-05-31T22:30:00.000-01:30');
  });

  it('raise no alarm while the plant is quiet (no episodes)', () => {
    const levels = new Map<string, ReturnType<typeof readingLevel>>();
    for (const r of run(11, 20, false)) {
      const s = sensors.get(r.key);
      if (!s) continue;
      const level = readingLevel(s.thresholds, levels.get(r.key) ?? 'normal', r.value);
      if (level !== 'normal') expect.fail(`${r.key} reached ${level} at ${r.value}`);
      levels.set(r.key, level);
    }
  });

  it('replay exactly from the same seed, and differ with another', () => {
    const a = run(42, 3, true).map((r) => r.value);
    const b = run(42, 3, true).map((r) => r.value);
    const c = run(43, 3, true).map((r) => r.value);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('revert towards the baseline after a disturbance', () => {
    const rng = createRng(3);
    const profile: SensorProfile = { baseline: 50, noise: 0.5, min: 0, max: 100, decimals: 1 };
    let value = 90;
    for (let i = 0; i < 30; i++) value = walkStep(value, profile, 2, rng);
    // 60 s at 0.1/s leaves e^-6 of the 40-point gap, far less than the noise.
    expect(Math.abs(value - profile.baseline)).toBeLessThan(3);
  });

  it('keep the step size out of the statistics (exact sampling)', () => {
    const profile: SensorProfile = { baseline: 0, noise: 1, min: -100, max: 100, decimals: 3 };
    for (const dt of [0.5, 2, 10]) {
      const rng = createRng(5);
      let v = 0;
      let sumSq = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) {
        v = walkStep(v, profile, dt, rng);
        sumSq += v * v;
      }
      expect(Math.sqrt(sumSq / n)).toBeGreaterThan(0.85);
      expect(Math.sqrt(sumSq / n)).toBeLessThan(1.15);
    }
  });
});
