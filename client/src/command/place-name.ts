import type { LngLat } from '@cc/shared';
import type { DistrictCollection } from '../map/districts';

type Ring = readonly (readonly [number, number])[];

/** Whether the point is inside the ring (even-odd ray casting; rings are small, lon/lat is fine). */
function inRing([x, y]: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the polygon's outer ring and none of its holes. */
function inPolygon(p: LngLat, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  return outer !== undefined && inRing(p, outer) && !holes.some((h) => inRing(p, h));
}

/** The district the point lies in, by the bundled outlines. Pure. */
export function districtAt(p: LngLat, collection: DistrictCollection): string | undefined {
  for (const f of collection.features) {
    const polygons =
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    if (polygons.some((rings) => inPolygon(p, rings))) return f.properties.name;
  }
  return undefined;
}

/** Kilometres between two nearby points (equirectangular: exact enough within a city). */
export function kmBetween(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.hypot(x, y) * 6371;
}

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
