import gcoord, { type CRSTypes } from 'gcoord';
import { FeedError, type Crs, type IssuePath, type LngLat } from '@cc/shared';

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
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
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
