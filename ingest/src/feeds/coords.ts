import gcoord, { type CRSTypes } from 'gcoord';
import {
  FeedError,
  type AreaGeometry,
  type Crs,
  type IssuePath,
  type LngLat,
  type MultiPolygonGeometry,
  type PolygonGeometry,
} from '@cc/shared';

const FROM: Record<Crs, CRSTypes | undefined> = {
  WGS84: undefined,
  // CGCS2000 and WGS-84 differ by centimetres: no conversion is needed at map scale.
  CGCS2000: undefined,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
};

/** Converts a declared-CRS position to WGS-84 and checks it is a place on Earth. */
export function toWgs84(coordinates: LngLat, crs: Crs, path: IssuePath): LngLat {
  const [lng, lat] = coordinates;
  // Checked as sent, before conversion, so the refusal quotes the agency's own numbers.
  if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) {
    throw new FeedError(
      'feed.out_of_range',
      `${path.join('.')}: [${lng}, ${lat}] is not a longitude/latitude pair`,
      path,
    );
  }
  const from = FROM[crs];
  if (!from) return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
  return [x, y];
}

type Ring = LngLat[];

function ringToWgs84(ring: Ring, crs: Crs, path: IssuePath): Ring {
  return ring.map((p, i) => toWgs84(p, crs, [...path, i]));
}

function polygonToWgs84(rings: Ring[], crs: Crs, path: IssuePath): Ring[] {
  return rings.map((ring, i) => ringToWgs84(ring, crs, [...path, i]));
}

/**
 * Converts every position of a Polygon or MultiPolygon to WGS-84; an impossible position is
 * refused with its full path (`[..., 'coordinates', polygon?, ring, position]`).
 */
export function areaToWgs84(area: AreaGeometry, crs: Crs, path: IssuePath): AreaGeometry {
  const at = [...path, 'coordinates'];
  if (area.type === 'Polygon') {
    const polygon: PolygonGeometry = {
      type: 'Polygon',
      coordinates: polygonToWgs84(area.coordinates, crs, at),
    };
    return polygon;
  }
  const multi: MultiPolygonGeometry = {
    type: 'MultiPolygon',
    coordinates: area.coordinates.map((rings, i) => polygonToWgs84(rings, crs, [...at, i])),
  };
  return multi;
}
