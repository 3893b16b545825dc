import { Router } from 'express';
import { z } from 'zod';
import {
  Incident,
  Shelter,
  Warning,
  areaContains,
  nearestOpenShelters,
  type AreaGeometry,
  type ShelterNear,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { parseAll } from '../query/parse-all';

export const SHELTERS_NEAREST_PATH = '/api/v1/shelters/nearest';
/** At most this many shelters in one answer. */
export const SHELTERS_MAX = 20;

const Num = z.coerce.number().finite();
const Query = z
  .strictObject({
    lon: Num.min(-180).max(180).optional(),
    lat: Num.min(-90).max(90).optional(),
    incidentId: z.string().min(3).max(140).optional(),
    warningId: z.string().min(3).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(SHELTERS_MAX).default(5),
    /** Places needed: only shelters with at least this many free. */
    need: z.coerce.number().int().min(1).max(1_000_000).default(1),
  })
  .refine(
    (q) =>
      [q.lon !== undefined && q.lat !== undefined, q.incidentId, q.warningId].filter(Boolean)
        .length === 1 && (q.lon === undefined) === (q.lat === undefined),
    { message: 'name exactly one of lon and lat, incidentId, warningId' },
  );

/** The centre of an area's outer rings' bounding box: where a warning's shelters are sought from. */
export function areaCentre(areas: readonly AreaGeometry[]): [number, number] {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const area of areas) {
    const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        minLon = Math.min(minLon, lon!);
        maxLon = Math.max(maxLon, lon!);
        minLat = Math.min(minLat, lat!);
        maxLat = Math.max(maxLat, lat!);
      }
    }
  }
  return [(minLon + maxLon) / 2, (minLat + maxLat) / 2];
}

export interface SheltersNearestResponse {
  /** Where the shelters were sought from, [lon, lat]. */
  origin: [number, number];
  at: number;
  shelters: (ShelterNear & { insideWarning?: boolean })[];
}

/**
 * `GET /api/v1/shelters/nearest?(lon=&lat= | incidentId= | warningId=)[&limit=5][&need=1]`: the
 * open shelters (应急避难场所) with at least `need` free places, nearest first (straight-line km).
 * For a warning, from the centre of its areas, each shelter flagged `insideWarning` when an area
 * covers it.
 */
export function createSheltersRouter(options: { redis: Redis; keys: Keys; now?: () => number }) {
  const { redis, keys } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.get(SHELTERS_NEAREST_PATH, allow('read:picture'), async (req, res, next) => {
    const query = Query.safeParse(req.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      res.status(400).json({
        code: 'api.invalid',
        message: `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`,
      });
      return;
    }
    const q = query.data;
    try {
      let origin: [number, number];
      let areas: AreaGeometry[] | undefined;
      if (q.incidentId !== undefined) {
        const json = await redis.hGet(keys.state('incident'), q.incidentId);
        const incident = json ? Incident.safeParse(JSON.parse(json)) : undefined;
        if (!incident?.success) {
          res
            .status(404)
            .json({ code: 'incident.not_found', message: `no incident ${q.incidentId}` });
          return;
        }
        origin = incident.data.location;
      } else if (q.warningId !== undefined) {
        const json = await redis.hGet(keys.state('warning'), q.warningId);
        const warning = json ? Warning.safeParse(JSON.parse(json)) : undefined;
        if (!warning?.success) {
          res
            .status(404)
            .json({ code: 'warning.not_found', message: `no warning ${q.warningId} in force` });
          return;
        }
        areas = warning.data.areas.map((a) => a.geometry);
        origin = areaCentre(areas);
      } else {
        origin = [q.lon!, q.lat!];
      }
      const shelters = parseAll(await redis.hGetAll(keys.state('shelter')), Shelter);
      const body: SheltersNearestResponse = {
        origin,
        at: now(),
        shelters: nearestOpenShelters(shelters, origin, q.limit, q.need).map((near) =>
          areas
            ? {
                ...near,
                insideWarning: areas.some((a) => areaContains(a, near.shelter.location)),
              }
            : near,
        ),
      };
      res.json(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
