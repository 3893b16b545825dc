import { Router } from 'express';
import {
  API,
  feedSilentAfterMs,
  feedStateOf,
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
  /** Agencies' declared intervals (seconds) by id, from the agencies file. */
  agencyIntervals?: ReadonlyMap<string, number> | undefined;
  now?: () => number;
}

/**
 * `GET /api/v1/wall`: what a wall needs besides the live picture: its configuration and which
 * feeds are silent. Walls are viewers, so feed health comes without counters or rejects.
 */
export function createWallRouter(options: WallRouteOptions): Router {
  const { redis, keys, config, agencyNames, agencyIntervals } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.get(API.wall, allow('read:picture'), async (_req, res, next) => {
    try {
      const at = now();
      const feed = (
        agency: string,
        lastMessageAt: number | null,
        lastOutsideAt: number | null,
      ): WallFeed => {
        const name = agencyNames?.get(agency);
        const interval = agencyIntervals?.get(agency);
        const state = feedStateOf(lastMessageAt, at, feedSilentAfterMs(interval));
        return {
          agency,
          ...(name === undefined ? {} : { name }),
          lastMessageAt,
          silent: state === 'silent',
          state,
          ...(interval === undefined ? {} : { expectedIntervalSeconds: interval }),
          ...(outsideRecently(lastOutsideAt, at) ? { outsideArea: true } : {}),
        };
      };
      const feeds: WallFeed[] = (await readFeedHealth(redis, keys, at))
        .map(({ agency, lastMessageAt, lastOutsideAt }) =>
          feed(agency, lastMessageAt, lastOutsideAt ?? null),
        )
        .sort((a, b) => a.agency.localeCompare(b.agency));
      // An agency that has never sent anything is listed too, as not yet reporting.
      const seen = new Set(feeds.map((f) => f.agency));
      for (const agency of agencyNames?.keys() ?? []) {
        if (!seen.has(agency)) feeds.push(feed(agency, null, null));
      }
      const body: WallResponse = { at, config, feeds };
      res.json(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
