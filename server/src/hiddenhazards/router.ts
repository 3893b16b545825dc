import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Request } from 'express';
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
import { invalidQuery } from '../query/invalid';
import type { HiddenHazardView } from './view';

export interface HiddenHazardRouteOptions {
  view: HiddenHazardView;
  /** Where photos are kept (created when missing). */
  photosDir: string;
  photoMaxBytes: number;
  now?: () => number;
}

/** What the first bytes of a photo say it is; anything else is refused. */
export function photoType(bytes: Buffer): 'jpg' | 'png' | 'webp' | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'webp';
  }
  return undefined;
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
    express.raw({ type: ['image/jpeg', 'image/png', 'image/webp'], limit: photoMaxBytes }),
    async (req, res, next) => {
      try {
        const body: unknown = req.body;
        const type = Buffer.isBuffer(body) && body.length > 0 ? photoType(body) : undefined;
        if (!Buffer.isBuffer(body) || !type) {
          res.status(415).json({
            code: 'request.unsupported',
            message: 'send one JPEG, PNG or WebP image as the body, with its content-type',
          });
          return;
        }
        const id = `${randomUUID()}.${type}`;
        await writeFile(path.join(photosDir, id), body, { flag: 'wx' });
        res.status(201).json({ id, bytes: body.length });
      } catch (err) {
        next(err);
      }
    },
  );

  router.get(API.hiddenHazardPhoto, (req, res) => {
    if (!can(req.identity, 'read:picture') && !can(req.identity, 'hiddenhazard')) {
      return void res.status(403).json(forbidden);
    }
    const photo = String(req.params.photo);
    if (!/^[a-f0-9-]{36}\.(jpg|png|webp)$/.test(photo)) {
      return void res.status(404).json({ code: 'api.not_found', message: 'no such photo' });
    }
    res.sendFile(path.resolve(photosDir, photo), { maxAge: '1d' }, (err) => {
      if (err && !res.headersSent) {
        res.status(404).json({ code: 'api.not_found', message: 'no such photo' });
      }
    });
  });

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
