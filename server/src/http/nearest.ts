import { Router } from 'express';
import { z } from 'zod';
import { API, Position, Resource, ResourceType } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { invalidQuery } from '../query/invalid';
import { rankNearest, type NearestCandidate } from '../query/nearest';
import type { RoadNetwork } from '../query/roads/network';

export const NEAREST_PATH = API.nearestResources;

const Query = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  type: ResourceType.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  radiusKm: z.coerce.number().positive().max(1_000).default(50),
  /** `true`: each unit timed on roads carries its route. */
  route: z.enum(['true', 'false']).default('false'),
});

function parseOr<T>(schema: { safeParse: (v: unknown) => z.ZodSafeParseResult<T> }, json: string) {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Unreadable: the unit is left out rather than failing the search.
    return undefined;
  }
}

/**
 * `GET /api/v1/resources/nearest?lon=&lat=[&type=&limit=&radiusKm=&route=true]`: available
 * resources within a straight-line radius, by travel time along the roads when a network is
 * configured, else by straight-line distance with an ETA from the type's planning speed. Redis
 * GEO narrows the candidates to the radius; the ranking itself is `rankNearest`.
 */
export function createNearestRouter(options: {
  redis: Redis;
  keys: Keys;
  roads?: RoadNetwork | undefined;
}): Router {
  const { redis, keys, roads } = options;
  const router = Router();
  router.get(NEAREST_PATH, allow('read:picture'), async (req, res, next) => {
    try {
      const query = Query.safeParse(req.query);
      if (!query.success) {
        res.status(400).json(invalidQuery(query.error));
        return;
      }
      const { lon, lat, type, limit, radiusKm, route } = query.data;
      // The GEO set may hold a slightly older point than the newest message; a margin keeps it.
      const ids = await redis.geoSearch(
        keys.geoResource,
        { longitude: lon, latitude: lat },
        { radius: radiusKm * 1.1 + 1, unit: 'km' },
        { SORT: 'ASC' },
      );
      const candidates: NearestCandidate[] = [];
      if (ids.length > 0) {
        const [resources, positions] = await Promise.all([
          redis.hmGet(keys.state('resource'), ids),
          redis.hmGet(keys.state('position'), ids),
        ]);
        ids.forEach((_id, i) => {
          const resource = resources[i] ? parseOr(Resource, resources[i]) : undefined;
          if (!resource) return;
          const position = positions[i] ? parseOr(Position, positions[i]) : undefined;
          const location =
            position && position.ts > resource.ts ? position.location : resource.location;
          candidates.push({ resource, location });
        });
      }
      const resources = rankNearest(
        candidates,
        { origin: [lon, lat], type, limit, radiusKm },
        { roads, withRoute: () => route === 'true' },
      ).map(({ minutes: _minutes, ...result }) => result);
      res.json({ origin: [lon, lat], resources });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
