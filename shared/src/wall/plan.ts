import type { Incident } from '../model/entities';
import type { PlanTargets } from './config';

/** China Standard Time has no daylight saving: UTC+8 all year. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** Year, month (0–11) and day of month of an instant in China Standard Time. */
export function cstDate(at: number): { year: number; month: number; day: number } {
  const d = new Date(at + CST_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** 00:00 CST on 1 January of `year`, epoch ms. */
export function cstYearStart(year: number): number {
  return Date.UTC(year, 0, 1) - CST_OFFSET_MS;
}

/**
 * A production-safety accident (生产安全事故) for the plan's count: a closed incident of the
 * accident-disaster category. Counted in the year of its closing report (its observation time
 * when closed), when its figures are final.
 */
export function isCountedAccident(incident: Incident): boolean {
  return incident.status === 'closed' && incident.category === 'accident_disaster';
}

/** Level II (重大) and I (特别重大): the plan allows none. */
export function isMajorAccident(incident: Incident): boolean {
  return incident.level === 'I' || incident.level === 'II';
}

export interface PlanFigure {
  /** This year to date, from closed incidents. */
  ytd: number;
  /** Last year over the same period (whole months before this one, this month pro rata). */
  lastYearSamePeriod: number;
  /** Percent change against the same period; null when last year had none. */
  changePct: number | null;
  /** The plan's ceiling for a whole year: the baseline year's figure less the reduction. */
  annualTarget: number;
  /** The ceiling pro rata to date. */
  targetToDate: number;
  /** Whether this year's pace stays within the ceiling to date. */
  onTrack: boolean;
}

export interface PlanProgress {
  year: number;
  /** Fraction of the year elapsed, 0–1. */
  yearFraction: number;
  accidents: PlanFigure;
  deaths: PlanFigure;
  /** Level I–II accidents this year; the target is none. */
  majorAccidents: number;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function figure(
  ytd: number,
  lastYearByMonth: readonly number[],
  base: number,
  reductionPct: number,
  month: number,
  monthFraction: number,
  yearFraction: number,
): PlanFigure {
  const full = lastYearByMonth.slice(0, month).reduce((a, b) => a + b, 0);
  // Whole accidents and deaths: the same period rounded, the ceiling rounded down.
  const lastYearSamePeriod = Math.round(full + (lastYearByMonth[month] ?? 0) * monthFraction);
  const annualTarget = Math.floor(base * (1 - reductionPct / 100));
  const targetToDate = round1(annualTarget * yearFraction);
  return {
    ytd,
    lastYearSamePeriod,
    changePct:
      lastYearSamePeriod > 0
        ? Math.round(((ytd - lastYearSamePeriod) / lastYearSamePeriod) * 100)
        : null,
    annualTarget,
    targetToDate,
    onTrack: ytd <= Math.max(targetToDate, 0),
  };
}

/** This year's production-safety figures against last year's same period and the plan. */
export function planProgress(
  incidents: Iterable<Incident>,
  plan: PlanTargets,
  now: number,
): PlanProgress {
  const { year, month, day } = cstDate(now);
  const start = cstYearStart(year);
  const end = cstYearStart(year + 1);
  let accidents = 0;
  let deaths = 0;
  let majorAccidents = 0;
  for (const incident of incidents) {
    if (!isCountedAccident(incident) || incident.ts < start || incident.ts >= end) continue;
    accidents += 1;
    deaths += incident.casualties.dead;
    if (isMajorAccident(incident)) majorAccidents += 1;
  }
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const monthFraction = Math.min(1, day / daysInMonth);
  const yearFraction = Math.min(1, Math.max(0, (now - start) / (end - start)));
  const pct = plan.reductionPct;
  return {
    year,
    yearFraction,
    accidents: figure(
      accidents,
      plan.lastYear.accidents,
      plan.baseAccidents,
      pct,
      month,
      monthFraction,
      yearFraction,
    ),
    deaths: figure(
      deaths,
      plan.lastYear.deaths,
      plan.baseDeaths,
      pct,
      month,
      monthFraction,
      yearFraction,
    ),
    majorAccidents,
  };
}
