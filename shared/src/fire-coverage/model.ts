import { z } from 'zod';

/** Default target: the urban fire-station response standard (城市消防站 5 分钟可达). */
export const DEFAULT_COVERAGE_TARGET_MIN = 5;
/** The unit types that count as fire-rescue cover. */
export const FIRE_RESCUE_TYPES = ['fire_engine'] as const;
/** The singleton id of the coverage state and its alarm. */
export const COVERAGE_ID = 'cc:coverage';

/** One thing that must be reachable: a grade-1/2 hazard source or an open level I–II incident. */
export const CoverageTarget = z.object({
  kind: z.enum(['hazard', 'incident']),
  id: z.string(),
  name: z.string(),
  location: z.tuple([z.number(), z.number()]),
  /** Minutes for the nearest available fire-rescue unit, rounded up; null: none available. */
  etaMinutes: z.number().nullable(),
  unitId: z.string().optional(),
  unitName: z.string().optional(),
  basis: z.enum(['road', 'straight']).optional(),
  covered: z.boolean(),
});
export type CoverageTarget = z.infer<typeof CoverageTarget>;

/** The coverage picture (ingest recomputes it as units move, are dispatched, come back). */
export const Coverage = z.object({
  id: z.string(),
  agency: z.string(),
  ts: z.number(),
  targetMinutes: z.number(),
  /** Every target, the uncovered first (longest ETA first), then by id. */
  targets: z.array(CoverageTarget),
  uncovered: z.number(),
});
export type Coverage = z.infer<typeof Coverage>;

/** Sorts targets: uncovered first (no unit, then longest ETA), then by id. Pure. */
export function sortTargets(targets: CoverageTarget[]): CoverageTarget[] {
  const eta = (t: CoverageTarget) => t.etaMinutes ?? Infinity;
  return targets.sort(
    (a, b) =>
      Number(a.covered) - Number(b.covered) ||
      (a.covered ? 0 : eta(b) - eta(a)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
