/** The periods the review screen offers; every day boundary is midnight China Standard Time. */
export type PeriodPreset = 'month' | 'last30' | 'year' | 'custom';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant in CST. Pure. */
export function cstDay(at: number): string {
  return new Date(at + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 CST of a `YYYY-MM-DD` day; NaN when it is not one. Pure. */
export function dayStart(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00+08:00`) : NaN;
}

export interface Period {
  from: number;
  to: number;
}

/**
 * The period of a preset at `now`: this month or this year so far, or the last 30 days; a custom
 * range runs from its first day's midnight to the midnight after its last day. Pure.
 */
export function periodOf(
  preset: PeriodPreset,
  now: number,
  custom: { from: string; to: string },
): Period | null {
  const today = cstDay(now);
  if (preset === 'month') return { from: dayStart(`${today.slice(0, 7)}-01`), to: now };
  if (preset === 'year') return { from: dayStart(`${today.slice(0, 4)}-01-01`), to: now };
  if (preset === 'last30') return { from: now - 30 * DAY, to: now };
  const from = dayStart(custom.from);
  const to = dayStart(custom.to) + DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return null;
  if (to - from > 366 * DAY) return null;
  return { from, to };
}

/** `m:ss` (or `h:mm:ss`) of a duration in ms; `—` for none. Pure. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
