import { circle } from '@turf/circle';
import type { LngLat } from '../feed/common';
import type { PolygonGeometry } from '../feed/geometry';

/** Stored coordinates keep 6 decimals (about 0.1 m): more only makes every message longer. */
function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * A circle (centre longitude first, radius in km) as a closed polygon of `points` vertices on the
 * mean-radius sphere, counter-clockwise (RFC 7946's winding): ample for warning areas of a few to
 * a few hundred kilometres.
 */
export function circleToPolygon(center: LngLat, radiusKm: number, points = 64): PolygonGeometry {
  const ring = circle([center[0], center[1]], radiusKm, {
    steps: points,
    units: 'kilometers',
  }).geometry.coordinates[0]!.map(([lng, lat]): LngLat => [round(lng!), round(lat!)]);
  return { type: 'Polygon', coordinates: [ring] };
}
