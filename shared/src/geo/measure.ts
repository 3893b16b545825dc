import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import type { AreaGeometry } from '../feed/geometry';

type Point = readonly [number, number];

/** Great-circle distance between two WGS-84 points, km. */
export function distanceKm(a: Point, b: Point): number {
  return distance([a[0], a[1]], [b[0], b[1]], { units: 'kilometers' });
}

/** Great-circle distance between two WGS-84 points, metres. */
export function distanceM(a: Point, b: Point): number {
  return distanceKm(a, b) * 1000;
}

/** Whether an area (Polygon or MultiPolygon, holes excluded) contains the point. */
export function areaContains(area: AreaGeometry, point: Point): boolean {
  return booleanPointInPolygon([point[0], point[1]], area);
}
