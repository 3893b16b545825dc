import type { Resource, ResourceType, TravelBasis } from '@cc/shared';
import { haversineKm, type LonLat } from './geo';
import type { RoadNetwork } from './roads/network';
import { travelTimes, type Travel, type TravelRequest } from './roads/travel';

/**
 * Planning speeds by unit type for a straight-line estimate, km/h (they allow for the detours a
 * straight line leaves out); depots and shelters do not move, so they get no ETA.
 */
export const SPEED_KMH: Partial<Record<ResourceType, number>> = {
  fire_engine: 40,
  ambulance: 50,
  police_car: 50,
  hazmat_unit: 35,
  rescue_team: 35,
  heavy_machinery: 25,
  helicopter: 200,
  boat: 30,
  expert: 40,
};

/**
 * Top speeds on roads by unit type, km/h: on a road network a unit drives each road at the lesser
 * of the road's speed and this. Types without one (helicopters, boats) do not drive: they keep
 * the straight-line estimate.
 */
export const ROAD_TOP_KMH: Partial<Record<ResourceType, number>> = {
  fire_engine: 60,
  ambulance: 80,
  police_car: 80,
  hazmat_unit: 50,
  rescue_team: 60,
  heavy_machinery: 40,
  expert: 80,
};

/** Minutes to cover `distanceKm` at the type's planning speed, rounded up; undefined for fixed sites. */
export function etaMinutes(type: ResourceType, distanceKm: number): number | undefined {
  const speed = SPEED_KMH[type];
  return speed === undefined ? undefined : Math.ceil((distanceKm / speed) * 60);
}

/** Straight-line km to 3 decimals. */
const straightKm = (a: LonLat, b: LonLat) => Math.round(haversineKm(a, b) * 1000) / 1000;

export interface NearestQuery {
  origin: LonLat;
  type?: ResourceType | undefined;
  limit: number;
  /** Straight-line radius. */
  radiusKm: number;
}

export interface NearestCandidate {
  resource: Resource;
  /** The latest known position: the tracker's when it is newer than the resource message. */
  location: LonLat;
}

/** How long a unit takes to reach a point, and how that was worked out. */
export interface TravelEstimate {
  /** Along the route when `basis` is road, else straight-line; km to 3 decimals. */
  distanceKm: number;
  /** Rounded up; absent for fixed sites. */
  etaMinutes?: number;
  basis: TravelBasis;
  /** Unrounded minutes, for ranking. */
  minutes?: number;
  /** The way driven, from the unit to the point (road basis, and only when asked). */
  route?: [number, number][];
}

export interface NearestResult extends TravelEstimate {
  resource: Resource;
  location: LonLat;
}

export interface TravelOptions {
  /** The road network; absent = straight-line estimates only. */
  roads?: RoadNetwork | undefined;
  /** Which units' routes to return. */
  withRoute?: ((resourceId: string) => boolean) | undefined;
}

/**
 * Travel estimates for units to a point: along the roads (one search for them all) for units that
 * drive and are near enough the network, otherwise by straight line at the type's planning speed.
 */
export function estimateTravel(
  to: LonLat,
  units: readonly NearestCandidate[],
  options: TravelOptions = {},
): Map<string, TravelEstimate> {
  const { roads, withRoute } = options;
  const requests: TravelRequest[] = [];
  if (roads) {
    for (const { resource, location } of units) {
      const topKmh = ROAD_TOP_KMH[resource.type];
      if (topKmh === undefined) continue;
      requests.push({
        id: resource.id,
        from: location,
        topKmh,
        ...(withRoute?.(resource.id) ? { withPath: true } : {}),
      });
    }
  }
  const onRoads = roads ? travelTimes(roads, to, requests) : new Map<string, Travel>();
  const out = new Map<string, TravelEstimate>();
  for (const { resource, location } of units) {
    const road = onRoads.get(resource.id);
    if (road) {
      out.set(resource.id, {
        distanceKm: Math.round(road.km * 1000) / 1000,
        etaMinutes: Math.ceil(road.minutes),
        basis: 'road',
        minutes: road.minutes,
        ...(road.path ? { route: road.path.map((p) => [p[0], p[1]] as [number, number]) } : {}),
      });
      continue;
    }
    const distanceKm = straightKm(location, to);
    const speed = SPEED_KMH[resource.type];
    out.set(resource.id, {
      distanceKm,
      basis: 'straight',
      ...(speed === undefined
        ? {}
        : { etaMinutes: Math.ceil((distanceKm / speed) * 60), minutes: (distanceKm / speed) * 60 }),
    });
  }
  return out;
}

/**
 * Available resources (of a type, if asked) within the straight-line radius. With a road
 * network they are ranked by travel time (fixed sites, which have none, after the units that
 * move, nearest first); without one by straight-line distance. Ties are broken by id so the
 * order is stable.
 */
export function rankNearest(
  candidates: readonly NearestCandidate[],
  query: NearestQuery,
  options: TravelOptions = {},
): NearestResult[] {
  const near = candidates.filter(
    ({ resource, location }) =>
      resource.status === 'available' &&
      (query.type === undefined || resource.type === query.type) &&
      straightKm(query.origin, location) <= query.radiusKm,
  );
  const estimates = estimateTravel(query.origin, near, options);
  const ranked: NearestResult[] = near.map(({ resource, location }) => ({
    resource,
    location,
    ...estimates.get(resource.id)!,
  }));
  // Units without a time (fixed sites) after those with one; equal times (or none) by distance.
  const time = (r: NearestResult) => r.minutes ?? Number.MAX_VALUE;
  const byTime = options.roads !== undefined;
  ranked.sort(
    (a, b) =>
      (byTime ? time(a) - time(b) : 0) ||
      a.distanceKm - b.distanceKm ||
      (a.resource.id < b.resource.id ? -1 : 1),
  );
  return ranked.slice(0, query.limit);
}
