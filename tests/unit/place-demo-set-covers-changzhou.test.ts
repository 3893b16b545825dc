import { describe, expect, it } from 'vitest';
import {
  PlaceMessage,
  PlaceType,
  districtsForCode,
  type AreaGeometry,
  type LngLat,
} from '@cc/shared';
import { createPicture } from '../../demo/src/picture/picture';
import { haversineKm } from '../../demo/src/picture/routing';
import { ACTIVE_INCIDENTS } from '../../demo/src/scenario/incidents';
import { DEMO_PLACES } from '../../demo/src/scenario/places';
import { DEMO_LAND_BBOX, WATER_BOXES } from '../../demo/src/scenario/roads';

const onLand = ([lng, lat]: LngLat) =>
  lng >= DEMO_LAND_BBOX.west &&
  lng <= DEMO_LAND_BBOX.east &&
  lat >= DEMO_LAND_BBOX.south &&
  lat <= DEMO_LAND_BBOX.north &&
  Object.values(WATER_BOXES).every(([w, s, e, n]) => lng < w || lng > e || lat < s || lat > n);

/** Ray casting over every ring of a (multi)polygon: inside an odd number of rings. */
function inside([x, y]: LngLat, geometry: AreaGeometry): boolean {
  const polygons =
    geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as LngLat[][][]);
  let odd = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** The districts a place's address names (the economic development zone spans two). */
const DISTRICTS_OF: Record<string, string[]> = {
  新北区: ['320411'],
  天宁区: ['320402'],
  钟楼区: ['320404'],
  武进区: ['320412'],
  经开区: ['320412', '320402'],
  金坛区: ['320413'],
  溧阳市: ['320481'],
};

describe('the demo’s sensitive places', () => {
  it('are 30–40, of every kind decision support weighs, with unique ids', () => {
    expect(DEMO_PLACES.length).toBeGreaterThanOrEqual(30);
    expect(DEMO_PLACES.length).toBeLessThanOrEqual(40);
    expect(new Set(DEMO_PLACES.map((p) => p.id)).size).toBe(DEMO_PLACES.length);
    expect(new Set(DEMO_PLACES.map((p) => p.type))).toEqual(new Set(PlaceType.options));
    for (const p of DEMO_PLACES) {
      expect(p.people, p.name).toBeGreaterThan(0);
      if (p.capacity !== undefined && p.type !== 'hospital') {
        // Hospitals count staff and outpatients beyond their beds; the rest fit their places.
        expect(p.people, p.name).toBeLessThanOrEqual(p.capacity);
      }
    }
  });

  it('stand on land, in the district their address names, across all of Changzhou', () => {
    const districts = new Set<string>();
    for (const p of DEMO_PLACES) {
      expect(onLand(p.at), p.name).toBe(true);
      const prefix = p.address.slice(0, 3);
      const codes = DISTRICTS_OF[prefix];
      expect(codes, `${p.name}: ${p.address}`).toBeDefined();
      const district = codes!.flatMap(districtsForCode).find((d) => inside(p.at, d.geometry));
      expect(district, `${p.name} in ${prefix}`).toBeDefined();
      districts.add(district!.code);
    }
    expect(districts.size).toBe(6);
  });

  it('include schools and a kindergarten within 5 km of the Binjiang chemical-park fire', () => {
    const fire = ACTIVE_INCIDENTS.find((i) => i.id === 'HZ-BJ-001')!;
    const near = DEMO_PLACES.filter((p) => haversineKm(p.at, fire.at) <= 5).map((p) => p.type);
    expect(near).toEqual(expect.arrayContaining(['school', 'kindergarten', 'nursing_home']));
  });

  it('are published by the emergency-management bureau when it connects, as valid messages', () => {
    const picture = createPicture({ seed: 1, everydayEveryMs: 0, seriousEveryMs: 0 });
    picture.start(Date.parse('2025-06-01T06:00:00Z'));
    const places = picture.agencies
      .flatMap((a) => picture.snapshot(a))
      .filter((m) => m.kind === 'place');
    expect(places).toHaveLength(DEMO_PLACES.length);
    for (const m of places) {
      expect(m.agency).toBe('cz-emergency');
      const parsed = PlaceMessage.safeParse(m.body);
      expect(parsed.error?.issues[0], JSON.stringify(m.body)).toBeUndefined();
    }
    const school = places.find((m) => (m.body as { id: string }).id === 'XB-XX-01')!.body;
    expect(school).toMatchObject({
      type: 'school',
      name: '新北区春江中心小学',
      people: 1650,
      location: { type: 'Point', coordinates: [119.9755, 31.9958] },
    });
  });
});
