import { sector } from '@turf/sector';
import type { LngLat } from '../feed/common';
import type { PolygonGeometry } from '../feed/geometry';
import { circleToPolygon } from '../geo/circle';
import { areaContains, distanceKm } from '../geo/measure';
import { ergDistances, type DayNight, type ErgRow, type Spill } from './erg';

/**
 * Half the angle of the downwind sector, degrees. ERG: the protective action zone is about as wide
 * as it is long; a 60° sector's chord at its full radius is exactly its radius.
 */
export const SECTOR_HALF_ANGLE = 30;

/**
 * The wind used when no station reports one (documented in docs/architecture.md): from the north
 * (0°), so the zone points south; the label says "default wind" so nobody mistakes it.
 */
export const DEFAULT_WIND_FROM = 0;

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Degrees normalised to [0, 360). */
export function normDeg(d: number): number {
  return ((d % 360) + 360) % 360;
}

/**
 * The downwind bearing for a meteorological wind direction (where the wind blows FROM, degrees
 * clockwise from north): the plume goes the opposite way.
 */
export function downwindOf(windFrom: number): number {
  return normDeg(windFrom + 180);
}

export interface ZoneShape {
  isolationM: number;
  protectKm: number;
  /** Bearing the sector points to, degrees clockwise from north. */
  downwind: number;
  isolation: PolygonGeometry;
  sector: PolygonGeometry;
}

/**
 * The isolation circle and the downwind sector for a spill at `at` of the chemical `row`, with the
 * wind blowing from `windFrom`.
 */
export function zoneShape(
  row: ErgRow,
  at: LngLat,
  spill: Spill,
  time: DayNight,
  windFrom: number,
): ZoneShape {
  const { isolationM, protectKm } = ergDistances(row, spill, time);
  const downwind = downwindOf(windFrom);
  // turf's sector takes bearings in -180..180 and goes clockwise from the first to the second.
  const toTurf = (b: number) => (normDeg(b) > 180 ? normDeg(b) - 360 : normDeg(b));
  const s = sector(
    [at[0], at[1]],
    protectKm,
    toTurf(downwind - SECTOR_HALF_ANGLE),
    toTurf(downwind + SECTOR_HALF_ANGLE),
    {
      units: 'kilometers',
      steps: 32,
    },
  );
  const ring = s.geometry.coordinates[0]!.map(([lng, lat]): LngLat => [round(lng!), round(lat!)]);
  return {
    isolationM,
    protectKm,
    downwind,
    isolation: circleToPolygon(at, isolationM / 1000, 48),
    sector: { type: 'Polygon', coordinates: [ring] },
  };
}

/** Where a point lies in a zone: the isolation circle, the downwind sector, or neither. */
export function zonePart(
  shape: Pick<ZoneShape, 'isolationM' | 'sector'>,
  at: LngLat,
  p: LngLat,
): 'isolation' | 'protect' | undefined {
  const km = distanceKm(at, p);
  if (km * 1000 <= shape.isolationM) return 'isolation';
  return areaContains(shape.sector, p) ? 'protect' : undefined;
}

/**
 * Day or night at a place and time (ERG: day is sunrise to sunset): the sun's centre above
 * −0.833° (refraction and the disc's radius, as sunrise tables count it). NOAA's low-precision
 * solar position, good to a minute or two — ample for choosing a table column.
 */
export function dayOrNight(at: LngLat, ms: number): DayNight {
  const rad = Math.PI / 180;
  const days = ms / 86_400_000 - 10_957.5; // days since J2000.0 (2000-01-01 12:00 UTC)
  const g = rad * normDeg(357.529 + 0.98560028 * days);
  const q = normDeg(280.459 + 0.98564736 * days);
  const lambda = rad * (q + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g));
  const eps = rad * (23.439 - 0.00000036 * days);
  const decl = Math.asin(Math.sin(eps) * Math.sin(lambda));
  const ra = Math.atan2(Math.cos(eps) * Math.sin(lambda), Math.cos(lambda));
  // Greenwich mean sidereal time, degrees; the local hour angle of the sun.
  const gmst = normDeg(280.46061837 + 360.98564736629 * days);
  const hourAngle = rad * gmst + rad * at[0] - ra;
  const lat = rad * at[1];
  const elevation = Math.asin(
    Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(hourAngle),
  );
  return elevation / rad > -0.833 ? 'day' : 'night';
}
