import type { SensorProfile } from '../scenario/types';
import type { Rng } from './prng';

/** How fast a disturbed reading returns to its baseline: about 1/e of the gap per 10 s. */
export const REVERSION_PER_S = 0.1;

/**
 * One step of a mean-reverting random walk (an Ornstein–Uhlenbeck process, sampled exactly so
 * the step size does not change its statistics): the value drifts back towards the baseline and
 * wanders around it with the profile's noise as standard deviation.
 */
export function walkStep(value: number, profile: SensorProfile, dtS: number, rng: Rng): number {
  if (dtS <= 0) return value;
  const decay = Math.exp(-REVERSION_PER_S * dtS);
  const spread = profile.noise * Math.sqrt(1 - decay * decay);
  return profile.baseline + (value - profile.baseline) * decay + spread * rng.normal();
}

/** A starting value drawn from the walk's steady state, so a fresh start looks like a running plant. */
export function walkStart(profile: SensorProfile, rng: Rng): number {
  return clamp(profile.baseline + profile.noise * rng.normal(), profile);
}

/** Keeps a value inside the sensor's physical limits. */
export function clamp(value: number, profile: SensorProfile): number {
  return Math.min(profile.max, Math.max(profile.min, value));
}

/** Rounds to the instrument's resolution, as a real transmitter would report it. */
export function quantize(value: number, profile: SensorProfile): number {
  const f = 10 ** profile.decimals;
  return Math.round(value * f) / f;
}
