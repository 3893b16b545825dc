/** A point as `[longitude, latitude]` in WGS-84 degrees. */
export type LonLat = readonly [number, number];

/** `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = readonly [number, number, number, number];

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (straight-line) distance in km. */
export function haversineKm([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Every `[lon, lat]` pair in a nested coordinate array (Point to MultiPolygon). */
function collectPoints(value: unknown, out: LonLat[]): void {
  if (!Array.isArray(value)) return;
  if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    out.push([value[0], value[1]]);
    return;
  }
  for (const item of value) collectPoints(item, out);
}

/**
 * The bounding box of whatever an entity has on the map: `location`, a GeoJSON `geometry`, or
 * the `areas` of a warning; undefined when it has none.
 */
export function entityBBox(entity: Record<string, unknown>): BBox | undefined {
  const points: LonLat[] = [];
  collectPoints(entity.location, points);
  const geometry = entity.geometry as { coordinates?: unknown } | undefined;
  collectPoints(geometry?.coordinates, points);
  if (Array.isArray(entity.areas)) {
    for (const area of entity.areas as { geometry?: { coordinates?: unknown } }[]) {
      collectPoints(area.geometry?.coordinates, points);
    }
  }
  if (points.length === 0) return undefined;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
