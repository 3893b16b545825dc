import { Router } from 'express';
import { z } from 'zod';
import {
  API,
  Alarm,
  Camera,
  CameraHealth,
  camerasNear,
  Hazard,
  INCIDENT_NEEDS,
  Incident,
  Place,
  Position,
  Reading,
  Resource,
  SUPPORT_MAX_CANDIDATES,
  SUPPORT_MAX_DEPOTS,
  SUPPORT_MAX_ROUTES,
  SUPPORT_RADIUS_KM,
  hazardState,
  matchMaterials,
  StockLedger,
  Shelter,
  nearestOpenShelters,
  SUPPORT_MAX_SHELTERS,
  type SupportResponse,
  type SupportRoute,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { withoutStreams } from '../live/streams';
import { haversineKm, type LonLat } from '../query/geo';
import {
  estimateTravel,
  rankNearest,
  type NearestCandidate,
  type TravelEstimate,
} from '../query/nearest';
import type { RoadNetwork } from '../query/roads/network';
import { parseAll } from '../query/parse-all';

export const SUPPORT_PATH = API.support;

const Query = z.strictObject({
  radiusKm: z.coerce
    .number()
    .min(SUPPORT_RADIUS_KM.min)
    .max(SUPPORT_RADIUS_KM.max)
    .default(SUPPORT_RADIUS_KM.default),
  /** Resource ids whose way to the incident is wanted, comma-separated. */
  routes: z
    .string()
    .transform((v) => [...new Set(v.split(',').filter((id) => id !== ''))])
    .pipe(z.array(z.string().max(200)).max(SUPPORT_MAX_ROUTES))
    .default([]),
});

/** What decision support is computed from: the incident and the picture around it. */
export interface SupportInput {
  incident: Incident;
  radiusKm: number;
  now: number;
  hazards: readonly Hazard[];
  /** Latest reading per sensor id. */
  readings: ReadonlyMap<string, Reading>;
  alarms: readonly Alarm[];
  places: readonly Place[];
  /** Cameras, and what the probe found of each by camera id (absent: none). */
  cameras?: readonly Camera[];
  cameraHealth?: ReadonlyMap<string, CameraHealth>;
  resources: readonly Resource[];
  /** Latest position per resource id. */
  positions: ReadonlyMap<string, Position>;
  /** The road network; absent = straight-line estimates. */
  roads?: RoadNetwork | undefined;
  /** Resources whose way to the incident is wanted (any status). */
  routeIds?: readonly string[] | undefined;
  /**
   * Depots' stock ledgers by depot id: live quantities after issues and replenishments. A depot
   * without one is matched on the inventory its agency sent.
   */
  stocks?: ReadonlyMap<string, StockLedger>;
  /** Emergency shelters: the nearest open ones with free places are listed. */
  shelters?: readonly Shelter[];
}

/** Straight-line km to 3 decimals, as the nearest-resources search reports it. */
const km = (a: LonLat, b: LonLat) => Math.round(haversineKm(a, b) * 1000) / 1000;

/** Nearest first; ties by id so the order is stable. */
function byDistance<T>(items: T[], id: (item: T) => string, distance: (item: T) => number): T[] {
  return items.sort((a, b) => distance(a) - distance(b) || (id(a) < id(b) ? -1 : 1));
}

/**
 * Decision support for one incident (pure): hazards and places within the radius with their
 * distance, the available units of each type the incident type needs that arrive first (at any
 * distance, ranked and timed as by the nearest-resources search), the routes asked for, and the
 * nearest depots holding what it needs.
 */
export function buildSupport(input: SupportInput): SupportResponse {
  const { incident, radiusKm } = input;
  const origin = incident.location;
  const needs = INCIDENT_NEEDS[incident.type];
  const neededTypes = new Set<string>(needs.resources);

  const activeAlarms = new Map<string, Alarm[]>();
  for (const alarm of input.alarms) {
    if (alarm.status !== 'active' || alarm.hazardId === undefined) continue;
    const list = activeAlarms.get(alarm.hazardId) ?? [];
    list.push(alarm);
    activeAlarms.set(alarm.hazardId, list);
  }
  const hazards = byDistance(
    input.hazards
      .map((hazard) => ({ hazard, distanceKm: km(origin, hazard.location) }))
      .filter((h) => h.distanceKm <= radiusKm),
    (h) => h.hazard.id,
    (h) => h.distanceKm,
  ).map(({ hazard, distanceKm }) => ({
    hazard,
    distanceKm,
    state: hazardState(hazard, input.readings, input.now),
    alarms: (activeAlarms.get(hazard.id) ?? []).sort((a, b) => a.raisedAt - b.raisedAt),
  }));

  const places = byDistance(
    input.places
      .map((place) => ({ place, distanceKm: km(origin, place.location) }))
      .filter((p) => p.distanceKm <= radiusKm),
    (p) => p.place.id,
    (p) => p.distanceKm,
  );

  const located: NearestCandidate[] = input.resources.map((resource) => {
    const position = input.positions.get(resource.id);
    const location = position && position.ts > resource.ts ? position.location : resource.location;
    return { resource, location };
  });
  const routeIds = new Set(input.routeIds ?? []);
  const withRoute = (id: string) => routeIds.has(id);
  // One search for every needed type: ranked by travel time (or distance without roads).
  const ranked = rankNearest(
    located.filter((c) => neededTypes.has(c.resource.type)),
    { origin, limit: Infinity, radiusKm: Infinity },
    { roads: input.roads, withRoute },
  );
  const resources = needs.resources.map((type) => ({
    type,
    candidates: ranked
      .filter((c) => c.resource.type === type)
      .slice(0, SUPPORT_MAX_CANDIDATES)
      .map(({ resource, location, distanceKm, etaMinutes, basis }) => ({
        resource,
        location: [location[0], location[1]] as [number, number],
        distanceKm,
        // Every type an incident needs moves, so it has a planning speed; 0 never shows.
        etaMinutes: etaMinutes ?? 0,
        basis,
      })),
  }));

  // Routes of the units asked for: ranked candidates have theirs; others (dispatched) need a search.
  const estimates = new Map<string, TravelEstimate>(
    ranked.filter((c) => routeIds.has(c.resource.id)).map((c) => [c.resource.id, c]),
  );
  const others = located.filter(
    (c) => routeIds.has(c.resource.id) && !estimates.has(c.resource.id),
  );
  for (const [id, estimate] of estimateTravel(origin, others, { roads: input.roads, withRoute }))
    estimates.set(id, estimate);
  const routes: SupportRoute[] = [];
  for (const id of routeIds) {
    const e = estimates.get(id);
    if (e?.etaMinutes === undefined) continue;
    routes.push({
      resourceId: id,
      distanceKm: e.distanceKm,
      etaMinutes: e.etaMinutes,
      basis: e.basis,
      ...(e.route ? { path: e.route } : {}),
    });
  }

  const depots = byDistance(
    input.resources
      .filter((r) => r.type === 'material_depot' && r.status !== 'out_of_service')
      .map((resource) => ({
        resource,
        distanceKm: km(origin, resource.location),
        matches: matchMaterials(
          input.stocks?.get(resource.id)?.items ?? resource.inventory ?? [],
          needs.materials,
        ).map(({ item, quantity, unit, minimum }) => ({
          item,
          quantity,
          unit,
          ...(minimum === undefined ? {} : { minimum }),
        })),
      }))
      .filter((d) => d.matches.length > 0),
    (d) => d.resource.id,
    (d) => d.distanceKm,
  ).slice(0, SUPPORT_MAX_DEPOTS);

  return {
    incidentId: incident.id,
    radiusKm,
    at: input.now,
    hazards,
    places,
    cameras: camerasNear(
      origin,
      input.cameras ?? [],
      input.cameraHealth ?? new Map(),
      radiusKm,
    ).map((near) => ({ ...near, camera: withoutStreams(near.camera) })),
    resources,
    routes,
    depots,
    ...(input.shelters
      ? { shelters: nearestOpenShelters(input.shelters, origin, SUPPORT_MAX_SHELTERS) }
      : {}),
  };
}

/**
 * `GET /api/v1/incidents/:id/support?radiusKm=5[&routes=id,…]`: decision support for a commander
 * (see `SupportResponse`). 404 `incident.not_found` for an unknown incident, 400
 * `support.invalid_radius` for a radius outside 0.5–50 km, 400 `api.invalid` for more than
 * SUPPORT_MAX_ROUTES routes.
 */
export function createSupportRouter(options: {
  redis: Redis;
  keys: Keys;
  now?: () => number;
  roads?: RoadNetwork | undefined;
}): Router {
  const { redis, keys, roads } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.get(SUPPORT_PATH, allow('read:picture'), async (req, res, next) => {
    try {
      const query = Query.safeParse(req.query);
      if (!query.success) {
        const radius = query.error.issues.find((i) => i.path[0] === 'radiusKm');
        res.status(400).json(
          radius
            ? {
                code: 'support.invalid_radius',
                message: `radiusKm: a number of km from ${SUPPORT_RADIUS_KM.min} to ${SUPPORT_RADIUS_KM.max}`,
              }
            : query.error.issues.some((i) => i.path[0] === 'routes')
              ? {
                  code: 'api.invalid',
                  message: `routes: at most ${SUPPORT_MAX_ROUTES} comma-separated resource ids`,
                }
              : {
                  code: 'api.invalid',
                  message: `${query.error.issues[0]?.path.join('.') ?? 'query'}: not a parameter (only radiusKm, routes)`,
                },
        );
        return;
      }
      const id = typeof req.params.id === 'string' ? req.params.id : undefined;
      const incidentJson = id === undefined ? null : await redis.hGet(keys.state('incident'), id);
      const incident = incidentJson ? Incident.safeParse(JSON.parse(incidentJson)) : undefined;
      if (!incident?.success) {
        res.status(404).json({ code: 'incident.not_found', message: `no incident ${id ?? ''}` });
        return;
      }
      const [
        hazards,
        alarms,
        places,
        resources,
        positions,
        cameras,
        cameraHealth,
        stocks,
        shelters,
      ] = await Promise.all([
        redis.hGetAll(keys.state('hazard')),
        redis.hGetAll(keys.state('alarm')),
        redis.hGetAll(keys.state('place')),
        redis.hGetAll(keys.state('resource')),
        redis.hGetAll(keys.state('position')),
        redis.hGetAll(keys.state('camera')),
        redis.hGetAll(keys.state('camerahealth')),
        redis.hGetAll(keys.state('stock')),
        redis.hGetAll(keys.state('shelter')),
      ]);
      const input: SupportInput = {
        incident: incident.data,
        radiusKm: query.data.radiusKm,
        now: now(),
        hazards: parseAll(hazards, Hazard),
        readings: new Map(),
        alarms: parseAll(alarms, Alarm),
        places: parseAll(places, Place),
        cameras: parseAll(cameras, Camera),
        cameraHealth: new Map(parseAll(cameraHealth, CameraHealth).map((h) => [h.id, h])),
        resources: parseAll(resources, Resource),
        positions: new Map(parseAll(positions, Position).map((p) => [p.id, p])),
        roads,
        routeIds: query.data.routes,
        stocks: new Map(parseAll(stocks, StockLedger).map((s) => [s.id, s])),
        shelters: parseAll(shelters, Shelter),
      };
      // Readings only for the sensors of hazards within the radius: the state decides their colour.
      const sensorIds = input.hazards
        .filter((h) => km(incident.data.location, h.location) <= input.radiusKm)
        .flatMap((h) => h.sensors.map((s) => s.id));
      if (sensorIds.length > 0) {
        const readings = await redis.hmGet(keys.state('reading'), sensorIds);
        input.readings = new Map(
          parseAll(
            Object.fromEntries(
              sensorIds.flatMap((sid, i) => (readings[i] ? [[sid, readings[i]]] : [])),
            ),
            Reading,
          ).map((r) => [r.id, r]),
        );
      }
      res.json(buildSupport(input));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
