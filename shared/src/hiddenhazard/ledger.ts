import { z } from 'zod';
import { HiddenHazardSector } from '../feed/hiddenhazard';
import { HiddenHazardGrade, HiddenHazardStage, type HiddenHazard } from './model';

/** `GET /api/v1/hidden-hazards` query: every filter optional, combined with AND. */
export const LedgerQuery = z.strictObject({
  district: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit district code')
    .optional(),
  sector: HiddenHazardSector.optional(),
  stage: HiddenHazardStage.optional(),
  grade: HiddenHazardGrade.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** The enterprise's agency id, or a part of its name. */
  enterprise: z.string().trim().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** A page of the ledger (一表清), newest change first; `total` counts every match. */
export interface LedgerPage {
  total: number;
  offset: number;
  items: HiddenHazard[];
}

/** Whether an item matches every filter of the query. Pure. */
export function matchesLedger(item: HiddenHazard, q: Omit<LedgerQuery, 'offset' | 'limit'>) {
  if (q.district !== undefined && item.district !== q.district) return false;
  if (q.sector !== undefined && item.sector !== q.sector) return false;
  if (q.stage !== undefined && item.stage !== q.stage) return false;
  if (q.grade !== undefined && item.grade !== q.grade) return false;
  if (q.overdue !== undefined && (item.overdueSince !== undefined) !== (q.overdue === 'true')) {
    return false;
  }
  if (
    q.enterprise !== undefined &&
    item.agency !== q.enterprise &&
    !item.enterprise.includes(q.enterprise)
  ) {
    return false;
  }
  return true;
}

/** The ledger's order: newest change first, then by id. */
export function byNewestChange(a: HiddenHazard, b: HiddenHazard): number {
  return b.ts - a.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * One page of the items matching the query, newest change first (then id). `sorted`: the items
 * come in that order already (the server's view keeps them so). Pure.
 */
export function ledgerPage(
  items: Iterable<HiddenHazard>,
  q: LedgerQuery,
  sorted = false,
): LedgerPage {
  const matched: HiddenHazard[] = [];
  for (const item of items) if (matchesLedger(item, q)) matched.push(item);
  if (!sorted) matched.sort(byNewestChange);
  return {
    total: matched.length,
    offset: q.offset,
    items: matched.slice(q.offset, q.offset + q.limit),
  };
}

/** Counts of one district or sector. */
export interface LedgerCounts {
  open: number;
  overdue: number;
  closedThisMonth: number;
}

export interface LedgerStats {
  /** Start of the month the figures count from (China Standard Time), epoch ms. */
  monthStart: number;
  total: LedgerCounts;
  byDistrict: Record<string, LedgerCounts>;
  bySector: Record<string, LedgerCounts>;
  /** Open items by stage. */
  byStage: Record<string, number>;
  /** 重大 items open, and of those under supervision (挂牌督办). */
  majorOpen: number;
  majorSupervised: number;
  /** Average days from report to close-out of the items closed this month; null = none. */
  averageDaysToClose: number | null;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The first instant of `now`'s month in China Standard Time (UTC+8). Pure. */
export function monthStartCst(now: number): number {
  const local = new Date(now + CST_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - CST_OFFSET_MS;
}

const zero = (): LedgerCounts => ({ open: 0, overdue: 0, closedThisMonth: 0 });

/** Statistics of the ledger: open / overdue / closed this month by district and sector. Pure. */
export function ledgerStats(items: Iterable<HiddenHazard>, now: number): LedgerStats {
  const monthStart = monthStartCst(now);
  const stats: LedgerStats = {
    monthStart,
    total: zero(),
    byDistrict: {},
    bySector: {},
    byStage: {},
    majorOpen: 0,
    majorSupervised: 0,
    averageDaysToClose: null,
  };
  let closedDays = 0;
  for (const item of items) {
    const rows = [
      stats.total,
      (stats.byDistrict[item.district ?? 'unknown'] ??= zero()),
      (stats.bySector[item.sector] ??= zero()),
    ];
    if (item.stage === 'closed') {
      if ((item.closedAt ?? 0) >= monthStart) {
        for (const r of rows) r.closedThisMonth++;
        closedDays += ((item.closedAt ?? item.ts) - item.reportedAt) / DAY_MS;
      }
      continue;
    }
    for (const r of rows) r.open++;
    if (item.overdueSince !== undefined) for (const r of rows) r.overdue++;
    stats.byStage[item.stage] = (stats.byStage[item.stage] ?? 0) + 1;
    if (item.grade === 'major') {
      stats.majorOpen++;
      if (item.supervision !== undefined) stats.majorSupervised++;
    }
  }
  if (stats.total.closedThisMonth > 0) {
    stats.averageDaysToClose = Math.round((closedDays / stats.total.closedThisMonth) * 10) / 10;
  }
  return stats;
}
