import {
  FEED_COUNT_FIELDS,
  FEED_RATE_WINDOW_S,
  rejectCodeField,
  type FeedErrorCode,
} from '@cc/shared';
import type { Keys, Logger, Redis } from '@cc/shared/node';
import type { Summary } from '../pipeline';
import { createTally, type AgencyTally } from './tally';

export interface FeedHealthOptions {
  redis: Redis;
  keys: Keys;
  log: Logger;
  /** How often the counts go to Redis (default 1 s). */
  flushMs?: number;
  now?: () => number;
}

/** Rate buckets outlive the window a little, so a reader never sees a half-expired minute. */
const BUCKET_TTL_S = FEED_RATE_WINDOW_S * 2;

/** Queues one agency's counts on a MULTI: counters, last-seen time, per-second buckets. */
function queueWrites(
  multi: ReturnType<Redis['multi']>,
  keys: Keys,
  agency: string,
  t: AgencyTally,
) {
  multi.zAdd(keys.feedSeen, { score: t.lastAt, value: agency }, { comparison: 'GT' });
  if (t.outsideAt > 0) {
    multi.zAdd(keys.feedOutside, { score: t.outsideAt, value: agency }, { comparison: 'GT' });
  }
  const counts = keys.feedCounts(agency);
  for (const field of FEED_COUNT_FIELDS) {
    if (t.counts[field] > 0) multi.hIncrBy(counts, field, t.counts[field]);
  }
  for (const [code, n] of t.codes) multi.hIncrBy(counts, rejectCodeField(code), n);
  for (const [second, n] of t.perSecond) {
    const bucket = keys.feedRate(agency, second);
    multi.incrBy(bucket, n);
    multi.expire(bucket, BUCKET_TTL_S);
  }
}

/**
 * Feed health per agency, kept in Redis for the servers to report. `observe` is the pipeline's
 * hook: it only counts in memory; a timer writes everything counted with one MULTI per flush.
 * A failed flush keeps its counts for the next one.
 */
export function createFeedHealth(options: FeedHealthOptions) {
  const { redis, keys, log } = options;
  const now = options.now ?? Date.now;
  const tally = createTally();
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  async function write(): Promise<void> {
    if (tally.size === 0) return;
    const drained = tally.drain();
    const multi = redis.multi();
    for (const [agency, t] of drained) queueWrites(multi, keys, agency, t);
    try {
      await multi.exec();
    } catch (err) {
      tally.restore(drained);
      log.warn({ err }, 'feed health not written; kept for the next flush');
    }
  }

  /** Writes what was counted; flushes never overlap. */
  function flush(): Promise<void> {
    chain = chain.then(write);
    return chain;
  }

  const timer = setInterval(() => void flush(), options.flushMs ?? 1_000);
  timer.unref();

  return {
    /** The pipeline's `observe` hook: counts in memory, never throws, never waits. */
    observe(agency: string | undefined, summary: Summary, codes: FeedErrorCode[]) {
      // A message under no valid agency id belongs to no feed (it is in the rejects stream).
      if (agency === undefined || closed) return;
      tally.record(agency, summary, codes, now());
    },
    flush,
    /** Stops the timer and writes what is left; call before closing Redis. Idempotent. */
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
}
export type FeedHealthRecorder = ReturnType<typeof createFeedHealth>;
