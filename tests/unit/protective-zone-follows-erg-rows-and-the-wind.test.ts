import { describe, expect, it } from 'vitest';
import { destination } from '@turf/destination';
import {
  ERG_ROWS,
  TIH_CHEMICALS,
  dayOrNight,
  downwindOf,
  ergDistances,
  ergRow,
  tihByCas,
  zonePart,
  zoneShape,
  type LngLat,
} from '@cc/shared';

/** A point `km` from `at` along `bearing` (degrees clockwise from north). */
function along(at: LngLat, km: number, bearing: number): LngLat {
  const p = destination([at[0], at[1]], km, bearing, { units: 'kilometers' }).geometry.coordinates;
  return [p[0]!, p[1]!];
}

const SITE: LngLat = [119.95, 31.78];

describe('ERG figures', () => {
  it('chlorine UN1017 reads as its table row: small 60 m / 0.4 km day / 1.6 km night, large 600 m / 3.5 km / 8.0 km', () => {
    const row = ergRow('1017')!;
    expect(row.name).toBe('Chlorine');
    expect(ergDistances(row, 'small', 'day')).toEqual({ isolationM: 60, protectKm: 0.4 });
    expect(ergDistances(row, 'small', 'night')).toEqual({ isolationM: 60, protectKm: 1.6 });
    expect(ergDistances(row, 'large', 'day')).toEqual({ isolationM: 600, protectKm: 3.5 });
    expect(ergDistances(row, 'large', 'night')).toEqual({ isolationM: 600, protectKm: 8.0 });
  });

  it('every stored row names its edition and source, and night never protects less than day', () => {
    for (const row of ERG_ROWS) {
      expect(row.source).toMatch(/^https?:\/\//);
      expect(row.edition).toBeGreaterThanOrEqual(2008);
      for (const spill of ['small', 'large'] as const) {
        expect(row[spill].protectNightKm).toBeGreaterThanOrEqual(row[spill].protectDayKm);
      }
      expect(row.large.isolationM).toBeGreaterThanOrEqual(row.small.isolationM);
    }
  });

  it('the eight TIH chemicals are recognised by CAS; those without a cited row give no figures', () => {
    expect(TIH_CHEMICALS.map((c) => c.un).sort()).toEqual(
      ['1005', '1017', '1050', '1051', '1052', '1053', '1076', '1079'].sort(),
    );
    expect(tihByCas('7782-50-5')?.un).toBe('1017');
    expect(tihByCas('7664-41-7')?.un).toBe('1005');
    expect(tihByCas('64-17-5')).toBeUndefined();
    expect(ergRow('1005')).toBeUndefined();
  });
});

describe('zone geometry', () => {
  const chlorine = ergRow('1017')!;

  it('a north wind points the sector south: a point 2 km south is protected, 2 km north is not', () => {
    const shape = zoneShape(chlorine, SITE, 'large', 'day', 0);
    expect(shape.downwind).toBe(180);
    expect(zonePart(shape, SITE, along(SITE, 2, 180))).toBe('protect');
    expect(zonePart(shape, SITE, along(SITE, 2, 0))).toBeUndefined();
    // Beyond the protective distance, even straight downwind, is outside.
    expect(zonePart(shape, SITE, along(SITE, 3.7, 180))).toBeUndefined();
  });

  it('the sector is 60° wide: 25° off the axis is inside, 35° off is outside', () => {
    const shape = zoneShape(chlorine, SITE, 'large', 'night', 90);
    expect(shape.downwind).toBe(270);
    expect(zonePart(shape, SITE, along(SITE, 4, 270 + 25))).toBe('protect');
    expect(zonePart(shape, SITE, along(SITE, 4, 270 - 25))).toBe('protect');
    expect(zonePart(shape, SITE, along(SITE, 4, 270 + 35))).toBeUndefined();
  });

  it('the isolation circle holds every direction within its radius, upwind too', () => {
    const shape = zoneShape(chlorine, SITE, 'large', 'day', 0);
    expect(zonePart(shape, SITE, along(SITE, 0.55, 0))).toBe('isolation');
    expect(zonePart(shape, SITE, along(SITE, 0.55, 90))).toBe('isolation');
    expect(zonePart(shape, SITE, along(SITE, 0.65, 0))).toBeUndefined();
  });

  it('a wind turning from north to east turns the sector from south to west', () => {
    const place = along(SITE, 2, 180);
    expect(zonePart(zoneShape(chlorine, SITE, 'large', 'day', 0), SITE, place)).toBe('protect');
    expect(zonePart(zoneShape(chlorine, SITE, 'large', 'day', 90), SITE, place)).toBeUndefined();
    expect(zonePart(zoneShape(chlorine, SITE, 'large', 'day', 90), SITE, along(SITE, 2, 270))).toBe(
      'protect',
    );
    expect(downwindOf(350)).toBe(170);
    expect(downwindOf(190)).toBe(10);
  });

  it('the sector wraps north: wind from 180° makes a sector across 0°', () => {
    const shape = zoneShape(chlorine, SITE, 'small', 'night', 180);
    expect(zonePart(shape, SITE, along(SITE, 1, 350))).toBe('protect');
    expect(zonePart(shape, SITE, along(SITE, 1, 10))).toBe('protect');
  });
});

describe('day or night', () => {
  it('Changzhou: noon Beijing time is day, midnight is night, in summer and winter', () => {
    expect(dayOrNight(SITE, Date.parse('2026-06-21T12:00:00+08:00'))).toBe('day');
    expect(dayOrNight(SITE, Date.parse('2026-06-21T00:00:00+08:00'))).toBe('night');
    expect(dayOrNight(SITE, Date.parse('2026-12-21T12:00:00+08:00'))).toBe('day');
    expect(dayOrNight(SITE, Date.parse('2026-12-21T19:00:00+08:00'))).toBe('night');
    // Sunrise in Changzhou is about 05:00 in June and about 06:50 in December.
    expect(dayOrNight(SITE, Date.parse('2026-06-21T05:30:00+08:00'))).toBe('day');
    expect(dayOrNight(SITE, Date.parse('2026-12-21T06:20:00+08:00'))).toBe('night');
  });
});
