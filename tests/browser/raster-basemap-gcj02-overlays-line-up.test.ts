import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import type { LngLat } from '@cc/shared';
import { centreMap, screenshot } from '../helpers/browser';
import { wgs84ToGcj02 } from '../helpers/chinese-crs';
import { hazardMessage, reading } from '../helpers/fixtures';
import { startWall, type Wall } from '../helpers/wall-page';

const TILE = 256;
const MARK = 28;
const MAGENTA: [number, number, number] = [255, 0, 255];
/** A hazard dot in the normal state (client/src/map/layers/hazards.ts). */
const NORMAL: [number, number, number] = [46, 204, 113];

/** A position's pixel in the web-mercator world at a zoom. */
function worldPixel([lng, lat]: LngLat, z: number): [number, number] {
  const size = TILE * 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    ((lng + 180) / 360) * size,
    ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * size,
  ];
}

/**
 * A GCJ-02 raster service, as Chinese web maps draw: dark tiles with one feature, a magenta
 * square, at the GCJ-02 position of `feature` (a WGS-84 place).
 */
function startTileServer(feature: LngLat): Promise<Server> {
  const gcj = wgs84ToGcj02(feature);
  const server = createServer((req, res) => {
    const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!m) return res.writeHead(404).end();
    const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [fx, fy] = worldPixel(gcj, z);
    const png = new PNG({ width: TILE, height: TILE });
    for (let py = 0; py < TILE; py++)
      for (let px = 0; px < TILE; px++) {
        const i = (py * TILE + px) * 4;
        const inMark =
          Math.abs(x * TILE + px + 0.5 - fx) <= MARK / 2 &&
          Math.abs(y * TILE + py + 0.5 - fy) <= MARK / 2;
        const [r, g, b] = inMark ? MAGENTA : [20, 30, 40];
        png.data[i] = r;
        png.data[i + 1] = g;
        png.data[i + 2] = b;
        png.data[i + 3] = 255;
      }
    res
      .writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' })
      .end(PNG.sync.write(png));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Where pixels close to a colour are, within a square around a point: their centroid, and the
 * middle of their bounding box (for a square whose middle something covers).
 */
function centreOf(png: PNG, color: number[], around: [number, number], reach: number) {
  let [sx, sy, n] = [0, 0, 0];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = Math.round(around[1] - reach); y <= around[1] + reach; y++)
    for (let x = Math.round(around[0] - reach); x <= around[0] + reach; x++) {
      const i = (png.width * y + x) * 4;
      const d = Math.hypot(
        png.data[i]! - color[0]!,
        png.data[i + 1]! - color[1]!,
        png.data[i + 2]! - color[2]!,
      );
      if (d >= 40) continue;
      [sx, sy, n] = [sx + x, sy + y, n + 1];
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  return n === 0 ? null : { x: sx / n, y: sy / n, box: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 } };
}

describe('a raster basemap in GCJ-02', () => {
  let tiles: Server;
  let wall: Wall;
  let place: LngLat;

  beforeAll(async () => {
    // The harness's hazard is the overlay; the tiles draw their own feature at the same place.
    place = hazardMessage().location.coordinates as LngLat;
    tiles = await startTileServer(place);
    const port = (tiles.address() as AddressInfo).port;
    wall = await startWall('raster-gcj02', {
      server: {
        BASEMAP: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`,
        BASEMAP_CRS: 'GCJ02',
      },
    });
  }, 150_000);
  afterAll(async () => {
    await wall?.stop();
    await new Promise((r) => tiles?.close(r));
  });

  it('draws an overlay point on the tile pixel of the tile’s own feature at that place', async () => {
    const { page, h } = wall;
    // Fresh readings from every sensor: the hazard is normal (green), with no label beside it.
    for (const s of hazardMessage().sensors)
      await h.publish('sensor', reading(s.id, s.metric === 'level' ? 60 : 0, Date.now()));
    await expect
      .poll(() => page.locator('[data-testid=offline-count]').getAttribute('data-value'))
      .toBe('0');
    await centreMap(page, wgs84ToGcj02(place), 15);
    await page.waitForTimeout(1_000);
    const png = await screenshot(page, 'raster-gcj02');
    const rect = (await page.evaluate(
      '(() => { const r = window.__cc.map.getCanvas().getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; })()',
    )) as { left: number; top: number; width: number; height: number };
    const middle: [number, number] = [rect.left + rect.width / 2, rect.top + rect.height / 2];
    // The tiles' feature: a magenta square around the middle of the map (its visible rim).
    const found = centreOf(png, MAGENTA, middle, 60);
    expect(found, 'the tiles draw their feature').not.toBeNull();
    const mark = found!.box;
    // The overlay: the hazard's green dot, on it.
    const dot = centreOf(png, NORMAL, [mark.x, mark.y], MARK);
    expect(dot, 'the hazard is drawn on the feature').not.toBeNull();
    expect(Math.hypot(dot!.x - mark.x, dot!.y - mark.y)).toBeLessThan(2);
    // Unshifted, the WGS-84 position would be drawn some 100 px away at this zoom.
    const unshifted = (await page.evaluate(
      `(() => { const p = window.__cc.map.project([${place[0]}, ${place[1]}]); return { x: p.x, y: p.y }; })()`,
    )) as { x: number; y: number };
    const away = Math.hypot(rect.left + unshifted.x - mark.x, rect.top + unshifted.y - mark.y);
    expect(away).toBeGreaterThan(50);
  });
});
