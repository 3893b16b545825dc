import { Router } from 'express';
import {
  API,
  Camera,
  CameraHealth,
  can,
  canReadAgency,
  canSeeStreams,
  cameraCondition,
  type CamerasResponse,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { withoutStreams } from '../live/streams';
import { parseAll } from '../query/parse-all';

/**
 * `GET /api/v1/cameras`: every camera with how it stands (its agency's status and the probe's
 * finding). Stream addresses only for `canSeeStreams`; an agency's operator sees its own cameras
 * only, without addresses (its health, not another agency's); anyone else is refused.
 */
export function createCamerasRouter(options: { redis: Redis; keys: Keys; now?: () => number }) {
  const { redis, keys } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.get(API.cameras, async (req, res, next) => {
    const identity = req.identity;
    if (!can(identity, 'read:picture') && identity?.role !== 'agency') {
      res.status(403).json({ code: 'auth.forbidden', message: 'your role may not read cameras' });
      return;
    }
    try {
      const [cameraHash, healthHash] = await Promise.all([
        redis.hGetAll(keys.state('camera')),
        redis.hGetAll(keys.state('camerahealth')),
      ]);
      const health = new Map(parseAll(healthHash, CameraHealth).map((h) => [h.id, h]));
      const streams = canSeeStreams(identity);
      const body: CamerasResponse = {
        at: now(),
        cameras: parseAll(cameraHash, Camera)
          .filter((c) => can(identity, 'read:picture') || canReadAgency(identity, c.agency))
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((camera) => {
            const found = health.get(camera.id);
            return {
              camera: streams ? camera : withoutStreams(camera),
              condition: cameraCondition(camera, found),
              ...(found ? { health: found } : {}),
            };
          }),
      };
      res.json(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
