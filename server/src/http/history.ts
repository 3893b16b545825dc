import { Router } from 'express';
import { z } from 'zod';
import { API } from '@cc/shared';
import { historyPoints, type Keys, type Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { Instant } from '../query/entity-filters';
import { invalidQuery } from '../query/invalid';

export const SENSOR_HISTORY_PATH = API.sensorHistory;

const Query = z
  .strictObject({
    from: Instant.optional(),
    to: Instant.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
  });

/**
 * `GET /api/v1/sensors/{id}/history[?from=&to=&limit=]`: a sensor's readings from its history,
 * oldest first; when more than `limit` fall in the range, the newest `limit` of them.
 */
export function createSensorHistoryRouter(options: { redis: Redis; keys: Keys }): Router {
  const { redis, keys } = options;
  const router = Router();
  router.get(SENSOR_HISTORY_PATH, allow('read:picture'), async (req, res, next) => {
    try {
      const query = Query.safeParse(req.query);
      if (!query.success) {
        res.status(400).json(invalidQuery(query.error));
        return;
      }
      const id = String(req.params.id);
      if (!(await redis.hExists(keys.state('sensor'), id))) {
        res.status(404).json({ code: 'api.not_found', message: `no sensor ${id}` });
        return;
      }
      const { from, to, limit } = query.data;
      // The list is short (about SERIES_MAXLEN points) and in the order stored: read it whole.
      const points = historyPoints(await redis.lRange(keys.series(id), 0, -1))
        .filter((p) => (from === undefined || p.ts >= from) && (to === undefined || p.ts <= to))
        .slice(-limit);
      res.json({ sensorId: id, points });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
