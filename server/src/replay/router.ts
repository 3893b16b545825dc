import { Router, type Response } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { API } from '@cc/shared';
import type { Logger } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { Instant } from '../query/entity-filters';
import { invalidQuery } from '../query/invalid';
import { archiveSpan } from './archive';
import { buildReplay, replaySpan } from './build';

/** The longest span one `events` request may ask for. */
export const REPLAY_SPAN_MAX_MS = 3_600_000;

const SnapshotQuery = z.strictObject({ at: Instant });
const EventsQuery = z
  .strictObject({
    from: Instant,
    to: Instant,
    limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
  })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] })
  .refine((q) => q.to - q.from <= REPLAY_SPAN_MAX_MS, {
    message: `a span of at most ${REPLAY_SPAN_MAX_MS / 60_000} minutes`,
    path: ['to'],
  });

/**
 * Replay of the archive (PostgreSQL), for viewers and up:
 * - `GET /api/v1/replay/range`: the span the archive covers.
 * - `GET /api/v1/replay/snapshot?at=`: the picture as it was then, in the live snapshot's shape.
 * - `GET /api/v1/replay/events?from=&to=[&limit=]`: what happened in (from, to] to play forward.
 * The archive unreachable: 503 `replay.archive_unavailable`, the live picture unaffected.
 */
export function createReplayRouter(options: { db: pg.Pool; log: Logger }): Router {
  const { db, log } = options;
  const router = Router();
  const onUnreadable = (id: string, err: unknown) =>
    log.warn({ id, err: (err as Error).message }, 'archived event unreadable; left out of replay');
  const unavailable = (res: Response, err: unknown) => {
    log.warn({ err: (err as Error).message }, 'archive unreachable for replay');
    res
      .status(503)
      .json({ code: 'replay.archive_unavailable', message: 'the archive does not answer' });
  };

  router.get(API.replayRange, allow('read:picture'), async (_req, res) => {
    try {
      res.json(await archiveSpan(db));
    } catch (err) {
      unavailable(res, err);
    }
  });

  router.get(API.replaySnapshot, allow('read:picture'), async (req, res) => {
    const query = SnapshotQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json(invalidQuery(query.error));
      return;
    }
    const { at } = query.data;
    if (at > Date.now()) {
      res.status(400).json({ code: 'api.invalid', message: 'at: must not be in the future' });
      return;
    }
    try {
      res.json(await buildReplay(db, at, onUnreadable));
    } catch (err) {
      unavailable(res, err);
    }
  });

  router.get(API.replayEvents, allow('read:picture'), async (req, res) => {
    const query = EventsQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json(invalidQuery(query.error));
      return;
    }
    const { from, to, limit } = query.data;
    try {
      res.json(await replaySpan(db, from, to, limit, onUnreadable));
    } catch (err) {
      unavailable(res, err);
    }
  });
  return router;
}
