import { Router, type RequestHandler } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { ReviewTargets, type Hazard, type WallConfig } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { Instant } from '../query/entity-filters';
import { invalidQuery } from '../query/invalid';
import { alarmQuality } from './alarm-quality';
import { periodReview } from './period';

export const ALARM_QUALITY_PATH = '/api/v1/review/alarm-quality';
export const PERIOD_PATH = '/api/v1/review/period';
const MAX_PERIOD_MS = 366 * 86_400_000;

const Query = z
  .strictObject({ from: Instant, to: Instant })
  .refine((q) => q.from < q.to, { message: 'from must be before to' })
  .refine((q) => q.to - q.from <= MAX_PERIOD_MS, { message: 'the period may be at most 366 days' });

function unavailable(err: unknown): string | null {
  const e = err as Error & { code?: string };
  return e.code === 'ECONNREFUSED' || /connect|terminat|timeout/i.test(e.message)
    ? `the archive (PostgreSQL) does not answer: ${e.message}`
    : null;
}

/**
 * `GET /api/v1/review/alarm-quality?from=&to=`: alarm-quality analytics over the period from the
 * archive, sensors named by the live registry. `GET /api/v1/review/period?from=&to=`: incidents
 * per month by level, category and district, response-interval percentiles against the targets
 * (`wall.yaml` `review.targets`) and the plan's KPIs per month. Viewers and up.
 */
export function createReviewRouter(options: {
  redis: Redis;
  keys: Keys;
  pool: pg.Pool | undefined;
  /** The wall's configuration: `plan` and `review.targets`. */
  wall?: Pick<WallConfig, 'plan' | 'review'> | undefined;
}): Router {
  const { redis, keys, pool } = options;
  const targets = options.wall?.review?.targets ?? ReviewTargets.parse({});
  const router = Router();
  /**
   * One archive report: the period checked (400), the archive there (503), and an archive that
   * does not answer a 503 as well; anything else is the server's error.
   */
  const archiveReport =
    (run: (pool: pg.Pool, from: number, to: number) => Promise<unknown>): RequestHandler =>
    async (req, res, next) => {
      try {
        const q = Query.safeParse(req.query);
        if (!q.success) {
          res.status(400).json(invalidQuery(q.error));
          return;
        }
        if (!pool) {
          res.status(503).json({
            code: 'review.archive_unavailable',
            message: 'no archive (DATABASE_URL) is configured',
          });
          return;
        }
        try {
          res.json(await run(pool, q.data.from, q.data.to));
        } catch (err) {
          const message = unavailable(err);
          if (!message) throw err;
          res.status(503).json({ code: 'review.archive_unavailable', message });
        }
      } catch (err) {
        next(err);
      }
    };
  router.get(
    PERIOD_PATH,
    allow('read:picture'),
    archiveReport((archive, from, to) =>
      periodReview(archive, { from, to, targets, plan: options.wall?.plan, now: Date.now() }),
    ),
  );
  router.get(
    ALARM_QUALITY_PATH,
    allow('read:picture'),
    archiveReport(async (archive, from, to) => {
      const hazards = Object.values(await redis.hGetAll(keys.state('hazard'))).flatMap((j) => {
        try {
          return [JSON.parse(j) as Hazard];
        } catch {
          return [];
        }
      });
      return alarmQuality(archive, hazards, from, to);
    }),
  );
  return router;
}
