import { mkdirSync } from 'node:fs';
import { Router, type Request } from 'express';
import {
  API,
  LedgerQuery,
  can,
  deadlineOf,
  ledgerPage,
  ledgerStats,
  stepsFor,
  type HiddenHazard,
} from '@cc/shared';
import { receivePhoto, sendPhoto } from '../http/photos';
import { invalidQuery } from '../query/invalid';
import type { HiddenHazardView } from './view';

export interface HiddenHazardRouteOptions {
  view: HiddenHazardView;
  /** Where photos are kept (created when missing). */
  photosDir: string;
  photoMaxBytes: number;
  now?: () => number;
}

/** Who may read which items: the picture's readers every one (null), an enterprise its own. */
function readable(req: Request): ((item: HiddenHazard) => boolean) | null | undefined {
  const identity = req.identity;
  if (can(identity, 'read:picture')) return null;
  if (identity?.role === 'agency') return (item) => item.agency === identity.agency;
  return undefined;
}

const forbidden = { code: 'auth.forbidden', message: 'your role may not read hidden hazards' };

/**
 * The hidden-hazard ledger (一表清): `GET /api/v1/hidden-hazards` (filters and paging),
 * `/stats`, `/:id` (the item with its history and the steps the caller may take), and photos:
 * `POST /photos` (an image body, at most PHOTO_MAX_BYTES, kept on disk) and `GET /photos/:photo`.
 */
export function createHiddenHazardRouter(options: HiddenHazardRouteOptions): Router {
  const { view, photosDir, photoMaxBytes } = options;
  const now = options.now ?? Date.now;
  mkdirSync(photosDir, { recursive: true });
  const router = Router();

  router.get(API.hiddenHazards, async (req, res, next) => {
    try {
      const may = readable(req);
      if (may === undefined) return void res.status(403).json(forbidden);
      const q = LedgerQuery.safeParse(req.query);
      if (!q.success) return void res.status(400).json(invalidQuery(q.error));
      const items = await view.all();
      res.json(ledgerPage(may ? items.filter(may) : items, q.data, true));
    } catch (err) {
      next(err);
    }
  });

  router.get(API.hiddenHazardStats, async (req, res, next) => {
    try {
      const may = readable(req);
      if (may === undefined) return void res.status(403).json(forbidden);
      const items = await view.all();
      res.json(ledgerStats(may ? items.filter(may) : items, now()));
    } catch (err) {
      next(err);
    }
  });

  router.post(
    API.hiddenHazardPhotos,
    (req, res, next) => {
      if (can(req.identity, 'hiddenhazard')) return next();
      res.status(403).json({ code: 'auth.forbidden', message: 'your role may not upload photos' });
    },
    ...receivePhoto(photosDir, photoMaxBytes),
  );

  router.get(
    API.hiddenHazardPhoto,
    (req, res, next) => {
      if (can(req.identity, 'read:picture') || can(req.identity, 'hiddenhazard')) return next();
      res.status(403).json(forbidden);
    },
    sendPhoto(photosDir),
  );

  router.get(API.hiddenHazard, async (req, res, next) => {
    try {
      const may = readable(req);
      if (may === undefined) return void res.status(403).json(forbidden);
      const item = await view.get(String(req.params.id));
      if (!item || (may && !may(item))) {
        return void res
          .status(404)
          .json({ code: 'api.not_found', message: 'no such hidden hazard' });
      }
      const deadline = deadlineOf(item);
      res.json({
        item,
        steps: stepsFor(req.identity, item),
        ...(deadline === undefined ? {} : { deadline }),
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
