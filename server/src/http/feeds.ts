import { Router } from 'express';
import { can, canReadAgency } from '@cc/shared';
import {
  FEED_SILENT_AFTER_MS,
  feedHealthOf,
  rateWindow,
  type FeedsResponse,
  type StoredFeedHealth,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';

export const FEEDS_PATH = '/api/v1/feeds';

export interface FeedsRouteOptions {
  redis: Redis;
  keys: Keys;
  /** A feed with nothing for longer than this is reported silent. */
  silentAfterMs?: number;
  now?: () => number;
}

/** Reads every agency's feed-health counters with one MULTI. */
export async function readFeedHealth(
  redis: Redis,
  keys: Keys,
  now: number,
): Promise<StoredFeedHealth[]> {
  const seen = await redis.zRangeWithScores(keys.feedSeen, 0, -1);
  if (seen.length === 0) return [];
  const seconds = rateWindow(now);
  const multi = redis.multi();
  for (const { value: agency } of seen) {
    multi.hGetAll(keys.feedCounts(agency));
    multi.mGet(seconds.map((s) => keys.feedRate(agency, s)));
    multi.zScore(keys.feedOutside, agency);
  }
  const replies = (await multi.exec()) as unknown[];
  return seen.map(({ value: agency, score }, i) => ({
    agency,
    lastMessageAt: score,
    counts: replies[3 * i] as Record<string, string>,
    buckets: replies[3 * i + 1] as (string | null)[],
    lastOutsideAt: replies[3 * i + 2] == null ? null : Number(replies[3 * i + 2]),
  }));
}

/** `GET /api/v1/feeds`: every agency's feed health, by agency id. */
export function createFeedsRouter(options: FeedsRouteOptions): Router {
  const { redis, keys } = options;
  const silentAfterMs = options.silentAfterMs ?? FEED_SILENT_AFTER_MS;
  const now = options.now ?? Date.now;
  const router = Router();
  router.get(FEEDS_PATH, async (req, res, next) => {
    // Those who read feeds, and an agency's operator (its own): a viewer is refused, not emptied.
    if (!can(req.identity, 'read:feeds') && req.identity?.role !== 'agency') {
      res.status(403).json({ code: 'auth.forbidden', message: 'your role may not read feeds' });
      return;
    }
    try {
      const at = now();
      // An agency's operator sees its own feed; those who read feeds see every one.
      const stored = (await readFeedHealth(redis, keys, at)).filter((f) =>
        canReadAgency(req.identity, f.agency),
      );
      const body: FeedsResponse = {
        at,
        silentAfterMs,
        feeds: stored
          .map((s) => feedHealthOf(s, at, silentAfterMs))
          .sort((a, b) => a.agency.localeCompare(b.agency)),
      };
      res.json(body);
    } catch (err) {
      // The app's error handler answers with a JSON error and its code.
      next(err);
    }
  });
  return router;
}
