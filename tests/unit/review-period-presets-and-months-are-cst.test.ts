import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/review.en.json';
import zhCN from '../../client/src/i18n/review.zh-CN.json';
import { cstDay, duration, periodOf } from '../../client/src/review/period';
import { monthsOf } from '../../server/src/review/period';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const NOW = cst('2026-12-07T06:30:00'); // 22:30 UTC on 6 December
const none = { from: '', to: '' };

describe('review periods', () => {
  it('start this month, this year and 30 days back at China Standard Time', () => {
    expect(cstDay(NOW)).toBe('2026-12-07');
    expect(periodOf('month', NOW, none)).toEqual({ from: cst('2026-12-01T00:00:00'), to: NOW });
    expect(periodOf('year', NOW, none)).toEqual({ from: cst('2026-01-01T00:00:00'), to: NOW });
    expect(periodOf('last30', NOW, none)).toEqual({ from: NOW - 30 * 86_400_000, to: NOW });
  });

  it('take a custom range from its first midnight to the midnight after its last day', () => {
    expect(periodOf('custom', NOW, { from: '2026-09-01', to: '2026-10-31' })).toEqual({
      from: cst('2026-09-01T00:00:00'),
      to: cst('2026-11-01T00:00:00'),
    });
    expect(periodOf('custom', NOW, { from: '2026-10-31', to: '2026-09-01' })).toBeNull();
    expect(periodOf('custom', NOW, { from: '2025-01-01', to: '2026-06-01' })).toBeNull();
    expect(periodOf('custom', NOW, { from: 'x', to: '2026-06-01' })).toBeNull();
  });

  it('name the CST months a period touches', () => {
    expect(monthsOf(cst('2026-09-15T00:00:00'), cst('2026-11-01T00:00:00'))).toEqual([
      cst('2026-09-01T00:00:00'),
      cst('2026-10-01T00:00:00'),
    ]);
    expect(monthsOf(cst('2026-12-31T23:00:00'), cst('2027-01-01T01:00:00'))).toEqual([
      cst('2026-12-01T00:00:00'),
      cst('2027-01-01T00:00:00'),
    ]);
  });

  it('print durations as m:ss or h:mm:ss', () => {
    expect(duration(null)).toBe('—');
    expect(duration(90_000)).toBe('1:30');
    expect(duration(3_725_000)).toBe('1:02:05');
  });

  it('have every message in both languages', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`],
      );
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });
});
