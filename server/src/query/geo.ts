import { bbox } from '@turf/bbox';
import { distance } from '@turf/distance';
import type { Geometry } from 'geojson';

/** A point as `[longitude, latitude]` in WGS-84 degrees. */
export type LonLat = readonly [number, number];

/** `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = readonly [number, number, number, number];

/** Great-circle (straight-line) distance in km, on the mean Earth radius (6371.0088 km). */
export function haversineKm(a: LonLat, b: LonLat): number {
  return distance([a[0], a[1]], [b[0], b[1]], { units: 'kilometers' });
}

/** The geometries an entity has on the map: `location`, a GeoJSON `geometry`, a warning's `areas`. */
function geometriesOf(entity: Record<string, unknown>): Geometry[] {
  const out: Geometry[] = [];
  const location = entity.location;
  if (Array.isArray(location) && typeof location[0] === 'number' && typeof location[1] === 'number')
    out.push({ type: 'Point', coordinates: [location[0], location[1]] });
  const geometry = entity.geometry as Geometry | undefined;
  if (geometry && typeof geometry === 'object' && 'coordinates' in geometry) out.push(geometry);
  if (Array.isArray(entity.areas)) {
    for (const area of entity.areas as { geometry?: Geometry }[]) {
      if (area.geometry && 'coordinates' in area.geometry) out.push(area.geometry);
    }
  }
  return out;
}

/** The bounding box of whatever an entity has on the map; undefined when it has none. */
export function entityBBox(entity: Record<string, unknown>): BBox | undefined {
  const geometries = geometriesOf(entity);
  if (geometries.length === 0) return undefined;
  const [minLon, minLat, maxLon, maxLat] = bbox({ type: 'GeometryCollection', geometries });
  return [minLon, minLat, maxLon, maxLat];
}

/** Two boxes overlap when their ranges overlap on both axes (turf has no box-to-box test). */
export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
