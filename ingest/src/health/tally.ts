import type { FeedCountField, FeedErrorCode } from '@cc/shared';
import type { Summary } from '../pipeline';

/** What one agency's feed did since the last flush. */
export interface AgencyTally {
  counts: Record<FeedCountField, number>;
  codes: Map<FeedErrorCode, number>;
  /** Receive time (epoch ms) of the latest message. */
  lastAt: number;
  /** Receive time of the latest message with something outside the service area; 0 if none. */
  outsideAt: number;
  /** Messages per epoch second. */
  perSecond: Map<number, number>;
}

function emptyTally(): AgencyTally {
  return {
    counts: { messages: 0, applied: 0, duplicates: 0, late: 0, rejected: 0, outside: 0 },
    codes: new Map(),
    lastAt: 0,
    outsideAt: 0,
    perSecond: new Map(),
  };
}

function add<K>(map: Map<K, number>, key: K, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * Feed-health counts accumulated in memory between flushes, so the hot path costs no Redis
 * round trip. Pure: no clock, no I/O.
 */
export function createTally() {
  let agencies = new Map<string, AgencyTally>();

  function of(agency: string): AgencyTally {
    let t = agencies.get(agency);
    if (!t) agencies.set(agency, (t = emptyTally()));
    return t;
  }

  return {
    /** Counts one handled message received at `at` (epoch ms). */
    record(agency: string, summary: Summary, codes: readonly FeedErrorCode[], at: number) {
      const t = of(agency);
      t.counts.messages++;
      t.counts.applied += summary.applied;
      t.counts.duplicates += summary.duplicates;
      t.counts.late += summary.late;
      t.counts.rejected += summary.rejected;
      t.counts.outside += summary.outside;
      for (const code of codes) add(t.codes, code, 1);
      t.lastAt = Math.max(t.lastAt, at);
      if (summary.outside > 0) t.outsideAt = Math.max(t.outsideAt, at);
      add(t.perSecond, Math.floor(at / 1000), 1);
    },
    /** Takes everything counted so far, leaving the tally empty. */
    drain(): Map<string, AgencyTally> {
      const drained = agencies;
      agencies = new Map();
      return drained;
    },
    /** Puts back what a failed flush could not write, so no count is lost. */
    restore(drained: Map<string, AgencyTally>) {
      for (const [agency, d] of drained) {
        const t = of(agency);
        for (const field of Object.keys(d.counts) as FeedCountField[]) {
          t.counts[field] += d.counts[field];
        }
        for (const [code, n] of d.codes) add(t.codes, code, n);
        for (const [second, n] of d.perSecond) add(t.perSecond, second, n);
        t.lastAt = Math.max(t.lastAt, d.lastAt);
        t.outsideAt = Math.max(t.outsideAt, d.outsideAt);
      }
    },
    get size() {
      return agencies.size;
    },
  };
}
export type Tally = ReturnType<typeof createTally>;
