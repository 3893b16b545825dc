import { z } from 'zod';
import type { IncidentLevel } from '../feed/incident';

/**
 * Response-interval targets of the period review (`/review`), seconds, p90 unless said: the
 * share of responses that must be at least this fast. `wall.yaml`'s `review.targets`; these
 * defaults when absent.
 */
export const ReviewTargets = z.strictObject({
  /** Report (first version of the incident) → first dispatch order. */
  reportToDispatchS: z.number().min(1).max(86_400).default(180),
  /** Dispatch order sent → the agency acknowledges it. */
  dispatchToAcknowledgeS: z.number().min(1).max(86_400).default(60),
  /** Dispatch order sent → the unit reports on scene. */
  dispatchToOnSceneS: z.number().min(1).max(86_400).default(900),
});
export type ReviewTargets = z.infer<typeof ReviewTargets>;

export const ReviewConfig = z.strictObject({ targets: ReviewTargets.prefault({}) });
export type ReviewConfig = z.infer<typeof ReviewConfig>;

/** One series of a per-month chart: a level, category or district and its count per month. */
export interface MonthlySeries {
  key: string;
  /** Display name where the key is a code (a district's name); else absent. */
  name?: string;
  /** One count per month of `PeriodReview.months`. */
  counts: number[];
  total: number;
}

export interface IntervalFigure {
  /** How many intervals were measured. */
  n: number;
  /** Nearest-rank percentiles, ms; null for none. */
  p50: number | null;
  p90: number | null;
  /** The configured target for p90, ms. */
  targetMs: number;
  /** p90 within the target; null without data. */
  onTarget: boolean | null;
}

export interface PlanMonth {
  /** 00:00 CST on the month's first day, epoch ms. */
  month: number;
  /** Closed accident-disaster incidents closed in the month; null for a month not yet begun. */
  accidents: number | null;
  deaths: number | null;
  lastYearAccidents: number;
  lastYearDeaths: number;
  /** The plan's annual ceiling spread over the months (annual target ÷ 12). */
  targetAccidents: number;
  targetDeaths: number;
}

/** `GET /api/v1/review/period?from=&to=`: the period evaluation from the archive. */
export interface PeriodReview {
  from: number;
  to: number;
  /** 00:00 CST on the first day of each month the period touches, epoch ms. */
  months: number[];
  /** Incidents first reported in the period. */
  incidents: number;
  byLevel: (MonthlySeries & { key: IncidentLevel })[];
  byCategory: MonthlySeries[];
  /** By the district (GB/T 2260) the incident's location lies in; `unknown` outside them all. */
  byDistrict: MonthlySeries[];
  intervals: {
    reportToDispatch: IntervalFigure;
    dispatchToAcknowledge: IntervalFigure;
    dispatchToOnScene: IntervalFigure;
  };
  /**
   * The plan's production-safety KPIs per month of the year the period ends in (closed
   * accident-disaster incidents, counted in the month they closed); null without `plan`.
   */
  plan: {
    year: number;
    reductionPct: number;
    annualTargetAccidents: number;
    annualTargetDeaths: number;
    months: PlanMonth[];
  } | null;
}
