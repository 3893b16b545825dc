import type { Resource, ResourceType } from '@cc/shared';
import { haversineKm, type LonLat } from './geo';

/** Planning speeds by unit type, km/h; depots and shelters do not move, so they get no ETA. */
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

/** Minutes to cover `distanceKm` at the type's planning speed, rounded up; undefined for fixed sites. */
export function etaMinutes(type: ResourceType, distanceKm: number): number | undefined {
  const speed = SPEED_KMH[type];
  return speed === undefined ? undefined : Math.ceil((distanceKm / speed) * 60);
}

export interface NearestQuery {
  origin: LonLat;
  type?: ResourceType | undefined;
  limit: number;
  radiusKm: number;
}

export interface NearestCandidate {
  resource: Resource;
  /** The latest known position: the tracker's when it is newer than the resource message. */
  location: LonLat;
}

export interface NearestResult {
  resource: Resource;
  location: LonLat;
  /** Straight-line distance, km, to 3 decimals. */
  distanceKm: number;
  etaMinutes?: number;
}

/**
 * Available resources (of a type, if asked) within the radius, nearest first; ties broken by id
 * so the order is stable.
 */
export function rankNearest(
  candidates: readonly NearestCandidate[],
  query: NearestQuery,
): NearestResult[] {
  const ranked: NearestResult[] = [];
  for (const { resource, location } of candidates) {
    if (resource.status !== 'available') continue;
    if (query.type !== undefined && resource.type !== query.type) continue;
    const distanceKm = Math.round(haversineKm(query.origin, location) * 1000) / 1000;
    if (distanceKm > query.radiusKm) continue;
    const eta = etaMinutes(resource.type, distanceKm);
    ranked.push({
      resource,
      location,
      distanceKm,
      ...(eta === undefined ? {} : { etaMinutes: eta }),
    });
  }
  ranked.sort((a, b) => a.distanceKm - b.distanceKm || (a.resource.id < b.resource.id ? -1 : 1));
  return ranked.slice(0, query.limit);
}
