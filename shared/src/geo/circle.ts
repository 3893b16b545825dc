import type { LngLat } from '../feed/common';
import type { PolygonGeometry } from '../feed/geometry';

/** Mean Earth radius (IUGG), kilometres. */
const EARTH_RADIUS_KM = 6_371.0088;
const RAD = Math.PI / 180;

/** The point `distanceKm` from `center` along initial bearing `bearing` (radians), on a sphere. */
export function destination([lng, lat]: LngLat, distanceKm: number, bearing: number): LngLat {
  const d = distanceKm / EARTH_RADIUS_KM;
  const phi1 = lat * RAD;
  const lambda1 = lng * RAD;
  const sinphi2 = Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(bearing);
  const phi2 = Math.asin(sinphi2);
  const lambda2 =
    lambda1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(d) * Math.cos(phi1),
      Math.cos(d) - Math.sin(phi1) * sinphi2,
    );
  // Normalise longitude to [-180, 180).
  const lng2 = ((((lambda2 / RAD + 540) % 360) + 360) % 360) - 180;
  return [round(lng2), round(phi2 / RAD)];
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/**
 * A circle (centre longitude first, radius in km) as a closed polygon of `points` vertices, on a
 * sphere: ample for warning areas of a few to a few hundred kilometres.
 */
export function circleToPolygon(center: LngLat, radiusKm: number, points = 64): PolygonGeometry {
  const ring: LngLat[] = [];
  for (let i = 0; i < points; i++) {
    ring.push(destination(center, radiusKm, (2 * Math.PI * i) / points));
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
