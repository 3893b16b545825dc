import type { AreaGeometry } from '../feed/geometry';
import { CHANGZHOU_DISTRICT_DATA } from './changzhou-districts';

/** A division whose outline the command center holds. */
export interface District {
  /** GB/T 2260 code, e.g. `320411`. */
  code: string;
  name: string;
  geometry: AreaGeometry;
}

/** GB/T 2260 code of Changzhou as a whole (地级市): stands for all six districts. */
export const CHANGZHOU_CITY_CODE = '320400';

let byCode: Map<string, District> | undefined;

function districts(): Map<string, District> {
  byCode ??= new Map(
    CHANGZHOU_DISTRICT_DATA.map((d) => [
      d.code,
      {
        code: d.code,
        name: d.name,
        geometry: { type: d.type, coordinates: JSON.parse(d.coordinates) } as AreaGeometry,
      },
    ]),
  );
  return byCode;
}

/**
 * The outlines a division code stands for: a district's own; all six for the city (320400); a
 * township or village code (9–12 digits) falls back to its district. Empty when unknown.
 */
export function districtsForCode(code: string): District[] {
  if (code === CHANGZHOU_CITY_CODE) return [...districts().values()];
  const district = districts().get(code.slice(0, 6));
  return district ? [district] : [];
}

/** Whether a point lies inside a ring (ray casting; a point on the edge may go either way). */
function inRing([x, y]: readonly [number, number], ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The district whose outline holds the point (WGS-84), if any. */
export function districtAt(point: readonly [number, number]): District | undefined {
  for (const district of districts().values()) {
    const g = district.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const inside = polygons.some(
      ([outer, ...holes]) =>
        !!outer && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)),
    );
    if (inside) return district;
  }
  return undefined;
}
