import { describe, expect, it } from 'vitest';
import { readingLevel, type Thresholds } from '@cc/shared';

const t: Thresholds = { high: 85, highHigh: 95, low: 10, lowLow: 5, deadband: 2 };

describe('reading level with hysteresis', () => {
  it('enters a level at its threshold', () => {
    expect(readingLevel(t, 'normal', 84.9)).toBe('normal');
    expect(readingLevel(t, 'normal', 85)).toBe('H');
    expect(readingLevel(t, 'normal', 95)).toBe('HH');
    expect(readingLevel(t, 'normal', 10)).toBe('L');
    expect(readingLevel(t, 'normal', 4)).toBe('LL');
  });

  it('leaves a level only past the threshold by the deadband', () => {
    expect(readingLevel(t, 'HH', 93.5)).toBe('HH');
    expect(readingLevel(t, 'HH', 93)).toBe('H');
    expect(readingLevel(t, 'H', 83.5)).toBe('H');
    expect(readingLevel(t, 'H', 83)).toBe('normal');
    expect(readingLevel(t, 'HH', 50)).toBe('normal');
    expect(readingLevel(t, 'L', 11.9)).toBe('L');
    expect(readingLevel(t, 'L', 12)).toBe('normal');
    expect(readingLevel(t, 'LL', 6.9)).toBe('LL');
  });

  it('does not flap for a value hovering at a threshold', () => {
    let level = readingLevel(t, 'normal', 85);
    const seen = new Set<string>();
    for (const v of [84.6, 85.2, 84.1, 85.0, 83.9, 85.3]) {
      level = readingLevel(t, level, v);
      seen.add(level);
    }
    expect([...seen]).toEqual(['H']);
  });

  it('defaults the deadband to 2% of the largest threshold', () => {
    const only: Thresholds = { highHigh: 50 };
    expect(readingLevel(only, 'HH', 49.1)).toBe('HH');
    expect(readingLevel(only, 'HH', 48.9)).toBe('normal');
  });
});
