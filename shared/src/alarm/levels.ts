import type { Thresholds } from '../feed/hazard';
import type { AlarmState, ReadingLevel } from '../model/entities';

/** 0 normal, 1 first stage (H / L, 一级; and offline), 2 second stage (HH / LL, 二级). */
export function stage(level: ReadingLevel | AlarmState): 0 | 1 | 2 {
  if (level === 'normal') return 0;
  return level.length === 2 ? 2 : 1;
}

export function moreSevere<L extends AlarmState>(a: L, b: L): L {
  return stage(b) > stage(a) ? b : a;
}

/** Hysteresis when the feed gives none: 2% of the largest threshold magnitude. */
export function effectiveDeadband(t: Thresholds): number {
  if (t.deadband !== undefined) return t.deadband;
  const magnitudes = [t.high, t.highHigh, t.low, t.lowLow]
    .filter((v) => v !== undefined)
    .map(Math.abs);
  return Math.max(...magnitudes) * 0.02;
}

/**
 * The level of a reading given the previous level. Entering a level takes reaching its threshold;
 * leaving it takes going back past the threshold by the deadband, so a value hovering at a
 * threshold does not raise and clear an alarm on every reading.
 */
export function readingLevel(t: Thresholds, prev: ReadingLevel, value: number): ReadingLevel {
  const d = effectiveDeadband(t);
  const { high, highHigh, low, lowLow } = t;
  if (highHigh !== undefined && (value >= highHigh || (prev === 'HH' && value > highHigh - d))) {
    return 'HH';
  }
  if (
    high !== undefined &&
    (value >= high || ((prev === 'H' || prev === 'HH') && value > high - d))
  ) {
    return 'H';
  }
  if (lowLow !== undefined && (value <= lowLow || (prev === 'LL' && value < lowLow + d))) {
    return 'LL';
  }
  if (low !== undefined && (value <= low || ((prev === 'L' || prev === 'LL') && value < low + d))) {
    return 'L';
  }
  return 'normal';
}
