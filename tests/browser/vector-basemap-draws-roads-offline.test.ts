import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centreMap, pixel, projectOnPage, screenshot } from '../helpers/browser';
import { writeVectorArchive } from '../helpers/pmtiles-archive';
import { DOCS_SCREENSHOTS, startWall, type Wall } from '../helpers/wall-page';
import { water } from '../../client/src/map/water';

/** A road across the middle of Changzhou, east–west along 31.80°N. */
const ROAD_LAT = 31.8;
const ROAD: [number, number][] = [
  [119.88, ROAD_LAT],
  [120.04, ROAD_LAT],
];
const AREA: [number, number, number, number] = [119.1, 31.1, 120.3, 32.1];
/** The command-room style's major road and land colours (client/src/map/basemap-style.ts). */
const MAJOR_ROAD: [number, number, number] = [0x3b, 0x55, 0x73];
const EARTH: [number, number, number] = [0x10, 0x1c, 0x2a];

const distance = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

describe('a deployment basemap from a vector PMTiles archive', () => {
  let dir: string;
  let wall: Wall;
  const requests: { url: string; range: string | undefined }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cc-basemap-'));
    const file = path.join(dir, 'changzhou-test.pmtiles');
    const [west, south, east, north] = AREA;
    const tiles = writeVectorArchive(
      file,
      {
        earth: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { kind: 'earth' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [west, south],
                    [east, south],
                    [east, north],
                    [west, north],
                    [west, south],
                  ],
                ],
              },
            },
          ],
        },
        // The bundled lakes, as a deployment's archive would have them (Protomaps' `water`).
        water: {
          type: 'FeatureCollection',
          features: water.features
            .filter((f) => f.properties.kind === 'lake')
            .map((f) => ({
              type: 'Feature' as const,
              properties: {
                kind: 'lake',
                name: f.properties.name_en,
                'name:zh-Hans': f.properties.name_zh,
              },
              geometry: f.geometry,
            })),
        },
        roads: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {
                kind: 'major_road',
                kind_detail: 'primary',
                name: 'Test Avenue',
                'name:zh-Hans': '测试大道',
              },
              geometry: { type: 'LineString', coordinates: ROAD },
            },
          ],
        },
        places: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { kind: 'locality', name: 'Ceshi', 'name:zh-Hans': '测试镇' },
              geometry: { type: 'Point', coordinates: [119.95, 31.83] },
            },
          ],
        },
      },
      { bounds: AREA, minZoom: 8, maxZoom: 14, tilesWithin: [119.84, 31.74, 120.08, 31.86] },
    );
    expect(tiles).toBeGreaterThan(10);
    wall = await startWall('vector-basemap', {
      server: { BASEMAP: file, BASEMAP_ATTRIBUTION: '测试底图' },
      onPage: (page: Page) =>
        page.on('request', (r) => requests.push({ url: r.url(), range: r.headers()['range'] })),
    });
  }, 150_000);
  afterAll(async () => {
    await wall?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws a road of the archive where it is, and its Chinese name', async () => {
    const { page } = wall;
    await centreMap(page, [119.96, ROAD_LAT], 14);
    // Placement and the overlay catch up with the view after it comes to rest.
    await page.waitForTimeout(800);
    const png = await screenshot(page, 'vector-basemap-road');
    const drawn = (await page.evaluate('window.__cc.drawn()')) as {
      labels: { text: string; box: Box }[];
    };
    const canvas = (await page.evaluate(
      '(() => { const r = window.__cc.map.getCanvas().getBoundingClientRect(); return { left: r.left, top: r.top }; })()',
    )) as { left: number; top: number };
    const underLabel = (x: number, y: number) =>
      drawn.labels.some(
        ({ box }) =>
          x >= canvas.left + box.x0 - 2 &&
          x <= canvas.left + box.x1 + 2 &&
          y >= canvas.top + box.y0 - 2 &&
          y <= canvas.top + box.y1 + 2,
      );
    // Along the road, every 0.004° (about 90 px at zoom 14) across the map, where no label is.
    let onRoad = 0;
    let looked = 0;
    for (let lng = 119.94; lng <= 119.98; lng += 0.004) {
      const at = await projectOnPage(page, [lng, ROAD_LAT]);
      if (underLabel(at.x, at.y)) continue;
      looked++;
      const best = Math.min(
        ...[-2, -1, 0, 1, 2].map((dy) => distance(pixel(png, at.x, at.y + dy), MAJOR_ROAD)),
      );
      if (best < 30) onRoad++;
      // 40 px north of the road: land, not road.
      expect(distance(pixel(png, at.x, at.y - 40), EARTH)).toBeLessThan(30);
    }
    expect(looked).toBeGreaterThan(6);
    // District borders cross the road here and there: most samples, not all, are the road.
    expect(onRoad / looked).toBeGreaterThan(0.8);
    // The archive's names go through the product's own placement, Chinese first.
    expect(drawn.labels.map((l) => l.text)).toContain('测试大道');
  });

  it('shows the city on it (the README screenshot)', async () => {
    const { page } = wall;
    await centreMap(page, [119.75, 31.6], 9.6);
    await page.waitForTimeout(1_500);
    await page.screenshot({
      path: path.join(DOCS_SCREENSHOTS, 'wall-vector-basemap-1920x1080.png'),
    });
  });

  it('asked nothing of any other origin, and read the archive by byte ranges', () => {
    const origin = new URL(wall.server.url).origin;
    const foreign = requests.filter(
      ({ url }) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin,
    );
    expect(foreign).toEqual([]);
    const archive = requests.filter(({ url }) => url.includes('/basemap/tiles.pmtiles'));
    expect(archive.length).toBeGreaterThan(1);
    expect(archive.every(({ range }) => range !== undefined && /^bytes=\d+-\d+$/.test(range))).toBe(
      true,
    );
  });
});
