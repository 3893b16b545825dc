import { describe, expect, it } from 'vitest';
import type { AreaGeometry, LngLat } from '@cc/shared';
import { areaToWgs84, toWgs84 } from '../../ingest/src/feeds/coords';
import { haversineMetres, wgs84ToBd09, wgs84ToGcj02 } from '../helpers/chinese-crs';
import { refusal } from '../helpers/refusal';

/** Changzhou, Tianning district. */
const P: LngLat = [119.9741, 31.8112];

function square([lng, lat]: LngLat, d = 0.01): LngLat[] {
  return [
    [lng, lat],
    [lng + d, lat],
    [lng + d, lat + d],
    [lng, lat + d],
    [lng, lat],
  ];
}

describe('coordinate conversion to WGS-84', () => {
  it('undoes the GCJ-02 offset to within a metre of the reference point', () => {
    const gcj = wgs84ToGcj02(P);
    // The offset itself is hundreds of metres: the test would notice a missing conversion.
    expect(haversineMetres(gcj, P)).toBeGreaterThan(100);
    expect(haversineMetres(toWgs84(gcj, 'GCJ02', []), P)).toBeLessThan(1);
  });

  it('undoes BD-09 to within a few metres', () => {
    expect(haversineMetres(toWgs84(wgs84ToBd09(P), 'BD09', []), P)).toBeLessThan(3);
  });

  it('takes WGS-84 and CGCS2000 as they are', () => {
    expect(toWgs84(P, 'WGS84', [])).toEqual(P);
    expect(toWgs84(P, 'CGCS2000', [])).toEqual(P);
  });

  it('refuses a position that is not a longitude/latitude pair, naming it', () => {
    const e = refusal(() => toWgs84([190, 31], 'WGS84', ['location', 'coordinates']));
    expect([e.code, e.path]).toEqual(['feed.out_of_range', ['location', 'coordinates']]);
    expect(refusal(() => toWgs84([31.8, 119.9], 'GCJ02', [])).code).toBe('feed.out_of_range');
  });

  it('converts every vertex of a polygon and keeps its rings closed', () => {
    const gcjRing = square(P).map(wgs84ToGcj02);
    const area = areaToWgs84({ type: 'Polygon', coordinates: [gcjRing] }, 'GCJ02', ['area']);
    expect(area.type).toBe('Polygon');
    const ring = area.coordinates[0] as LngLat[];
    square(P).forEach((p, i) => expect(haversineMetres(ring[i]!, p)).toBeLessThan(1));
    expect(ring[ring.length - 1]).toEqual(ring[0]);
  });

  it('refuses a multipolygon with one impossible vertex, with its full path', () => {
    const bad = square(P);
    bad[2] = [119.98, 95];
    const area: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(P)], [bad]] };
    const e = refusal(() => areaToWgs84(area, 'WGS84', [3, 'geometry']));
    expect([e.code, e.path]).toEqual([
      'feed.out_of_range',
      [3, 'geometry', 'coordinates', 1, 0, 2],
    ]);
    expect(e.message).toContain('3.geometry.coordinates.1.0.2');
  });
});
