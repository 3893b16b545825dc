import type { AreaGeometry } from '../feed/geometry';
import { CHANGZHOU_DISTRICT_DATA } from './changzhou-districts';
import { areaContains } from './measure';

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

/** The district whose outline holds the point (WGS-84), if any. */
export function districtAt(point: readonly [number, number]): District | undefined {
  for (const district of districts().values()) {
    if (areaContains(district.geometry, point)) return district;
  }
  return undefined;
}
