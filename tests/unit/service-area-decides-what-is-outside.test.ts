import { describe, expect, it } from 'vitest';
import { CHANGZHOU_CITY_CODE, districtsForCode, type LngLat } from '@cc/shared';
import { ConfigSchema } from '@cc/shared/node';
import {
  areaOutside,
  containsPoint,
  pointOutside,
  serviceAreaFromBox,
  serviceAreaFromGeoJson,
} from '../../ingest/src/feeds/service-area';

const square = (w: number, s: number, e: number, n: number): LngLat[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

describe('the service area', () => {
  const byDefault = serviceAreaFromBox(ConfigSchema.parse({}).SERVICE_AREA_BBOX);

  it('holds all of Changzhou by default, and not Beijing or 0,0', () => {
    for (const d of districtsForCode(CHANGZHOU_CITY_CODE)) {
      const polygons =
        d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      for (const point of polygons.flat(2)) expect(containsPoint(byDefault, point)).toBe(true);
    }
    expect(pointOutside(byDefault, [119.97, 31.81], ['location'])).toBeUndefined();
    expect(pointOutside(byDefault, [116.397, 39.909], ['location'])?.code).toBe(
      'feed.outside_area',
    );
    expect(pointOutside(byDefault, [0, 0], [2, 'location'])).toMatchObject({
      path: [2, 'location'],
      message: expect.stringMatching(
        /^2\.location: \[0, 0\] \(WGS-84\) is outside the service area \(118\.9–120\.4 E, 30\.9–32\.3 N\)/,
      ),
    });
  });

  it('takes a GeoJSON outline with holes, and flags an area only when wholly outside', () => {
    const area = serviceAreaFromGeoJson(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] },
          },
        ],
      },
      'test.geojson',
    );
    expect(area.bbox).toEqual([0, 0, 10, 10]);
    expect(containsPoint(area, [1, 1])).toBe(true);
    expect(containsPoint(area, [5, 5])).toBe(false);
    expect(containsPoint(area, [11, 1])).toBe(false);
    expect(
      areaOutside(area, { type: 'Polygon', coordinates: [square(9, 9, 12, 12)] }, ['geometry']),
    ).toBeUndefined();
    expect(
      areaOutside(area, { type: 'Polygon', coordinates: [square(20, 20, 21, 21)] }, ['geometry'])
        ?.message,
    ).toMatch(/^geometry: the area lies wholly outside the service area \(test\.geojson\)/);
  });

  it('refuses a box or an outline it cannot use', () => {
    expect(() => serviceAreaFromBox('120,32,119,31')).toThrow(/west,south,east,north/);
    expect(() => serviceAreaFromGeoJson({ type: 'Point', coordinates: [1, 2] }, 'x')).toThrow(
      /not a GeoJSON Polygon/,
    );
    expect(ConfigSchema.safeParse({ SERVICE_AREA_BBOX: 'Changzhou' }).success).toBe(false);
  });
});
