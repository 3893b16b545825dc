import { Router } from 'express';
import { z } from 'zod';
import { AgencyId, can, canReadAgency, type RejectNotice } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';

const Query = z.object({
  agency: AgencyId.optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

/**
 * `GET /api/v1/rejects[?agency=&limit=]`: refused feed messages, newest first. An agency's
 * operator reads only its own; asking for another agency's is refused, not silently emptied.
 */
export function createRejectsRouter(options: { redis: Redis; keys: Keys }): Router {
  const router = Router();
  router.get('/api/v1/rejects', async (req, res, next) => {
    try {
      const query = Query.safeParse(req.query);
      if (!query.success) {
        res.status(400).json({ code: 'api.invalid', message: query.error.issues[0]!.message });
        return;
      }
      const { agency, limit } = query.data;
      const own = req.identity?.role === 'agency' ? req.identity.agency : undefined;
      // No agency named: an agency's operator means its own; others mean every agency.
      const wanted = agency ?? own;
      const allowed =
        wanted === undefined
          ? can(req.identity, 'read:feeds')
          : canReadAgency(req.identity, wanted);
      if (!allowed) {
        res.status(403).json({ code: 'auth.forbidden', message: 'not your agency' });
        return;
      }
      const rejects: RejectNotice[] = [];
      // Scan newest first until enough match; bounded so a rare agency cannot make it read all.
      let end = '+';
      for (let pages = 0; pages < 20 && rejects.length < limit; pages++) {
        const page =
          (await options.redis.xRevRange(options.keys.rejects, end, '-', { COUNT: 500 })) ?? [];
        for (const entry of page) {
          const notice = JSON.parse(entry.message.e!) as RejectNotice;
          if (wanted === undefined || notice.agency === wanted) rejects.push(notice);
          if (rejects.length >= limit) break;
        }
        if (page.length < 500) break;
        end = `(${page[page.length - 1]!.id}`;
      }
      res.json({ rejects });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
