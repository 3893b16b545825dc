import { readFileSync } from 'node:fs';
import { FeedError, type AreaGeometry, type IssuePath, type LngLat } from '@cc/shared';

type Ring = readonly LngLat[];
type Polygon = readonly Ring[];

/**
 * Where the command center's agencies operate, in WGS-84. A position outside it is stored all the
 * same (the contract takes any valid coordinates) but flagged: a warning notice to the sender and
 * a count on the feed-health strip. Pure, but for `loadServiceArea`.
 */
export interface ServiceArea {
  /** [west, south, east, north]. */
  bbox: readonly [number, number, number, number];
  /** The outline, when given as GeoJSON; absent: the box is the area. */
  polygons?: readonly Polygon[];
  /** How notices name it. */
  label: string;
}

/** `west,south,east,north` in degrees (the SERVICE_AREA_BBOX form); throws when it is not one. */
export function serviceAreaFromBox(text: string): ServiceArea {
  const parts = text.split(',').map((p) => Number(p.trim()));
  const [w, s, e, n] = parts;
  if (
    parts.length !== 4 ||
    !parts.every(Number.isFinite) ||
    !(w! >= -180 && e! <= 180 && w! < e! && s! >= -90 && n! <= 90 && s! < n!)
  ) {
    throw new Error(`"${text}" is not west,south,east,north in degrees`);
  }
  return { bbox: [w!, s!, e!, n!], label: `${w}–${e} E, ${s}–${n} N` };
}

function polygonsOf(value: unknown): Polygon[] {
  const v = value as {
    type?: unknown;
    coordinates?: unknown;
    geometry?: unknown;
    features?: unknown;
  };
  if (v?.type === 'FeatureCollection' && Array.isArray(v.features)) {
    return v.features.flatMap(polygonsOf);
  }
  if (v?.type === 'Feature') return polygonsOf(v.geometry);
  if (v?.type === 'Polygon') return [v.coordinates as Polygon];
  if (v?.type === 'MultiPolygon') return v.coordinates as Polygon[];
  throw new Error('not a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of them');
}

/** A GeoJSON Polygon or MultiPolygon (or Features of them), WGS-84, as the service area. */
export function serviceAreaFromGeoJson(geojson: unknown, label: string): ServiceArea {
  const polygons = polygonsOf(geojson);
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      if (!Number.isFinite(lng) || !Number.isFinite(lat))
        throw new Error('a position is not [lng, lat]');
      [w, s, e, n] = [Math.min(w, lng), Math.min(s, lat), Math.max(e, lng), Math.max(n, lat)];
    }
  }
  if (!(w < e && s < n)) throw new Error('no polygon with an area');
  return { bbox: [w, s, e, n], polygons, label };
}

/** The configured service area: the GeoJSON file when one is named, else the box. */
export function loadServiceArea(bbox: string, file: string): ServiceArea {
  if (!file) return serviceAreaFromBox(bbox);
  try {
    return serviceAreaFromGeoJson(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (err) {
    throw new Error(`SERVICE_AREA_FILE ${file}: ${(err as Error).message}`);
  }
}

/** Ray casting: whether the point is inside the ring (a point on an edge may go either way). */
function inRing([x, y]: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function containsPoint(area: ServiceArea, point: LngLat): boolean {
  const [lng, lat] = point;
  const [w, s, e, n] = area.bbox;
  if (lng < w || lng > e || lat < s || lat > n) return false;
  if (!area.polygons) return true;
  return area.polygons.some(
    ([outer, ...holes]) => !!outer && inRing(point, outer) && !holes.some((h) => inRing(point, h)),
  );
}

/** Whether any part of `geometry` may lie in the area: their bounding boxes meet. */
export function overlaps(area: ServiceArea, geometry: AreaGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const [w, s, e, n] = area.bbox;
  let [gw, gs, ge, gn] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      [gw, gs, ge, gn] = [
        Math.min(gw, lng),
        Math.min(gs, lat),
        Math.max(ge, lng),
        Math.max(gn, lat),
      ];
    }
  }
  return gw <= e && ge >= w && gs <= n && gn >= s;
}

const describe = (path: IssuePath) => (path.length === 0 ? '(message)' : path.join('.'));

/** The warning for a point outside the area (stored in WGS-84), or undefined. */
export function pointOutside(
  area: ServiceArea | undefined,
  point: LngLat,
  path: IssuePath,
): FeedError | undefined {
  if (!area || containsPoint(area, point)) return undefined;
  const [lng, lat] = point;
  return new FeedError(
    'feed.outside_area',
    `${describe(path)}: [${lng}, ${lat}] (WGS-84) is outside the service area (${area.label}); stored all the same: check the coordinates (longitude first) and their crs`,
    path,
  );
}

/** The warning for an area lying wholly outside the service area, or undefined. */
export function areaOutside(
  area: ServiceArea | undefined,
  geometry: AreaGeometry,
  path: IssuePath,
): FeedError | undefined {
  if (!area || overlaps(area, geometry)) return undefined;
  return new FeedError(
    'feed.outside_area',
    `${describe(path)}: the area lies wholly outside the service area (${area.label}); stored all the same: check the coordinates and their crs`,
    path,
  );
}
