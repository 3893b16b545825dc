import { Router } from 'express';
import { z } from 'zod';
import type { Keys, Redis } from '@cc/shared/node';
import type { AuditEntry } from '../commands/audit';
import { allow } from '../auth/middleware';

const Query = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(100) });

/** `GET /api/v1/audit[?limit=]`: who did what, newest first. */
export function createAuditRouter(options: { redis: Redis; keys: Keys }): Router {
  const router = Router();
  router.get('/api/v1/audit', allow('read:audit'), async (req, res, next) => {
    try {
      const query = Query.safeParse(req.query);
      if (!query.success) {
        res.status(400).json({ code: 'api.invalid', message: query.error.issues[0]!.message });
        return;
      }
      const entries =
        (await options.redis.xRevRange(options.keys.audit, '+', '-', {
          COUNT: query.data.limit,
        })) ?? [];
      const audit = entries.map((m) => ({ id: m.id, ...(JSON.parse(m.message.e!) as AuditEntry) }));
      res.json({ audit });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
