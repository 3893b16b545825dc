import { areaContains, distanceKm, type LngLat } from '@cc/shared';
import type { DistrictCollection } from '../map/districts';

/** The district the point lies in, by the bundled outlines. Pure. */
export function districtAt(p: LngLat, collection: DistrictCollection): string | undefined {
  for (const f of collection.features) {
    if (areaContains(f.geometry, p)) return f.properties.name;
  }
  return undefined;
}

/** Kilometres between two points (the shared great-circle distance). */
export const kmBetween = distanceKm;

/** The nearest named thing (a place, a hazard) within `maxKm`, with its distance. Pure. */
export function nearestNamed(
  p: LngLat,
  named: Iterable<{ name: string; location: LngLat }>,
  maxKm: number,
): { name: string; km: number } | undefined {
  let best: { name: string; km: number } | undefined;
  for (const n of named) {
    const km = kmBetween(p, n.location);
    if (km <= maxKm && (!best || km < best.km)) best = { name: n.name, km };
  }
  return best;
}
