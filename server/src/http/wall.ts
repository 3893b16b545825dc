import { Router } from 'express';
import {
  API,
  FEED_SILENT_AFTER_MS,
  outsideRecently,
  type WallConfig,
  type WallFeed,
  type WallResponse,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { readFeedHealth } from './feeds';

export interface WallRouteOptions {
  redis: Redis;
  keys: Keys;
  config: WallConfig;
  /** Agency names by id, from the agencies file, when the server has one. */
  agencyNames?: ReadonlyMap<string, string> | undefined;
  silentAfterMs?: number;
  now?: () => number;
}

/**
 * `GET /api/v1/wall`: what a wall needs besides the live picture: its configuration and which
 * feeds are silent. Walls are viewers, so feed health comes without counters or rejects.
 */
export function createWallRouter(options: WallRouteOptions): Router {
  const { redis, keys, config, agencyNames } = options;
  const silentAfterMs = options.silentAfterMs ?? FEED_SILENT_AFTER_MS;
  const now = options.now ?? Date.now;
  const router = Router();
  router.get(API.wall, allow('read:picture'), async (_req, res, next) => {
    try {
      const at = now();
      const feeds: WallFeed[] = (await readFeedHealth(redis, keys, at))
        .map(({ agency, lastMessageAt, lastOutsideAt }) => {
          const name = agencyNames?.get(agency);
          return {
            agency,
            ...(name === undefined ? {} : { name }),
            lastMessageAt,
            silent: lastMessageAt === null || at - lastMessageAt > silentAfterMs,
            ...(outsideRecently(lastOutsideAt, at) ? { outsideArea: true } : {}),
          };
        })
        .sort((a, b) => a.agency.localeCompare(b.agency));
      // An agency that has never sent anything is silent too.
      const seen = new Set(feeds.map((f) => f.agency));
      for (const [agency, name] of agencyNames ?? []) {
        if (!seen.has(agency)) feeds.push({ agency, name, lastMessageAt: null, silent: true });
      }
      const body: WallResponse = { at, config, feeds };
      res.json(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
