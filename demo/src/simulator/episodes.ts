import type { Thresholds } from '@cc/shared';
import type { SensorProfile } from '../scenario/types';
import type { Rng } from './prng';

/**
 * A scripted abnormal situation on one sensor: the reading drifts past its first and second
 * alarm thresholds, holds there, then comes back to normal, so alarms are raised, escalate,
 * and clear again on the wall.
 */
export interface Episode {
  /** `{agency}:{sensorId}`. */
  key: string;
  direction: 'high' | 'low';
  startMs: number;
  rampUpMs: number;
  holdMs: number;
  rampDownMs: number;
  /** Offset added to the normal reading at the peak (negative for a low episode). */
  offset: number;
}

/** Durations in ms as [min, max) ranges; each episode draws its own. */
export interface EpisodeTiming {
  rampUpMs: readonly [number, number];
  holdMs: readonly [number, number];
  rampDownMs: readonly [number, number];
}

export const DEFAULT_EPISODE_TIMING: EpisodeTiming = {
  rampUpMs: [30_000, 60_000],
  holdMs: [10_000, 30_000],
  rampDownMs: [30_000, 60_000],
};

/** The directions an episode can take on a sensor: towards each side that has thresholds. */
export function episodeDirections(t: Thresholds): Array<Episode['direction']> {
  const out: Array<Episode['direction']> = [];
  if ((t.highHigh ?? t.high) !== undefined) out.push('high');
  if ((t.lowLow ?? t.low) !== undefined) out.push('low');
  return out;
}

/**
 * Plans an episode. The peak goes past the outermost threshold by a margin (30 % of the gap
 * between the two stages, at least four noise deviations) so the second-stage alarm is reached
 * despite the noise, but never past the physical limit.
 */
export function planEpisode(
  rng: Rng,
  key: string,
  direction: Episode['direction'],
  thresholds: Thresholds,
  profile: SensorProfile,
  startMs: number,
  timing: EpisodeTiming = DEFAULT_EPISODE_TIMING,
): Episode {
  const { high, highHigh, low, lowLow } = thresholds;
  const outer = direction === 'high' ? (highHigh ?? high) : (lowLow ?? low);
  const inner = direction === 'high' ? (high ?? highHigh) : (low ?? lowLow);
  if (outer === undefined || inner === undefined) {
    throw new RangeError(`sensor ${key} has no ${direction} threshold for an episode`);
  }
  const margin = Math.max(Math.abs(outer - inner) * 0.3, profile.noise * 4);
  const peak =
    direction === 'high'
      ? Math.min(outer + margin, profile.max)
      : Math.max(outer - margin, profile.min);
  return {
    key,
    direction,
    startMs,
    rampUpMs: Math.round(rng.uniform(...timing.rampUpMs)),
    holdMs: Math.round(rng.uniform(...timing.holdMs)),
    rampDownMs: Math.round(rng.uniform(...timing.rampDownMs)),
    offset: peak - profile.baseline,
  };
}

export function episodeEndMs(e: Episode): number {
  return e.startMs + e.rampUpMs + e.holdMs + e.rampDownMs;
}

/** The offset the episode adds at a moment: 0 outside it, rising and falling smoothly. */
export function episodeOffset(e: Episode, nowMs: number): number {
  const t = nowMs - e.startMs;
  if (t <= 0) return 0;
  if (t < e.rampUpMs) return e.offset * smoothstep(t / e.rampUpMs);
  const down = t - e.rampUpMs - e.holdMs;
  if (down <= 0) return e.offset;
  if (down < e.rampDownMs) return e.offset * (1 - smoothstep(down / e.rampDownMs));
  return 0;
}

/** Eases in and out, the way a process variable leaves and regains its set point. */
function smoothstep(x: number): number {
  return x * x * (3 - 2 * x);
}
