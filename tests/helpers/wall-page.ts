import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { DEMO_AGENCIES_FILE } from '../../demo/src/demo-credentials';
import { createSimulator } from '../../demo/src/simulator/simulator';
import { BROKERS } from './brokers';
import { launchChromium } from './browser';
import { startFeedHarness, type FeedHarness } from './feed-harness';
import { startTestServer } from './product';

/** The wall's settings in browser tests: focus 6 s, stale after 3 s, a roster and plan baselines. */
export const TEST_WALL_FILE = path.resolve('tests/fixtures/wall.test.yaml');

/** Where browser tests put the screenshots the README shows. */
export const DOCS_SCREENSHOTS = path.resolve('docs/screenshots');

/** Page-side hooks these tests use (`window.__cc`), typed without the DOM. */
export interface WallHooks {
  __cc: {
    map: {
      getCenter(): { lng: number; lat: number };
      getZoom(): number;
      isMoving(): boolean;
    };
  };
}

/**
 * The product for a wall test: embedded broker, ingest, Redis under the test's prefix, a server
 * serving the built client with the test wall file and the test users, and a Chromium page
 * signed in as the test display (`wall-1`).
 */
export async function startWall(
  name: string,
  options: {
    viewport?: { width: number; height: number };
    server?: Record<string, string>;
    /** Called with the page before it opens the wall (to watch its requests, say). */
    onPage?: (page: Page) => void;
    /** Runs in the page before any of its own scripts (e.g. to skew its clock). */
    initScript?: string;
    /** Added to the wall's address (e.g. `&lang=en`). */
    query?: string;
  } = {},
) {
  const viewport = options.viewport ?? { width: 1920, height: 1080 };
  const h: FeedHarness = await startFeedHarness(name, BROKERS[0]!);
  const serverEnv = {
    CLIENT_DIST: path.resolve('client/dist'),
    WALL_FILE: TEST_WALL_FILE,
    ...options.server,
  };
  let server: RunningServer = await startTestServer(h.iso, serverEnv);
  const browser: Browser = await launchChromium();
  const page: Page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  options.onPage?.(page);
  if (options.initScript) await page.addInitScript(options.initScript);
  // Generous: on a loaded 2-core machine Chromium's software GL took 45 s to a drawn map.
  await page.goto(`${server.url}/?display=wall-1&key=key-wall-1${options.query ?? ''}`, {
    timeout: 90_000,
  });
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  await page.locator('[data-testid=connection][data-state=live]').waitFor();
  // The wall's settings have arrived once the roster shows.
  await page.locator('[data-testid=roster-entry]').first().waitFor();
  return {
    h,
    page,
    browser,
    errors,
    get server() {
      return server;
    },
    /** Stops the server (the page stays open) and starts it again on the same port. */
    async stopServer() {
      await server.close();
    },
    async startServerAgain() {
      server = await startTestServer(h.iso, { ...serverEnv, PORT: String(server.port) });
    },
    async mapView() {
      return page.evaluate(() => {
        const { map } = (globalThis as unknown as WallHooks).__cc;
        const c = map.getCenter();
        return { lng: c.lng, lat: c.lat, zoom: map.getZoom(), moving: map.isMoving() };
      });
    },
    async stop() {
      await browser.close();
      await server.close();
      await h.stop();
    },
  };
}
export type Wall = Awaited<ReturnType<typeof startWall>>;

/** An incident message for the test agency, observed now. */
export function incidentMessage(id: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    ts: new Date().toISOString(),
    type: 'fire',
    category: 'accident_disaster',
    level: 'IV',
    status: 'reported',
    title: `测试事件 ${id}`,
    address: '常州市新北区测试路 1 号',
    location: { type: 'Point', coordinates: [119.95, 31.82] },
    ...fields,
  };
}

/** How often the demo's simulator makes incidents in a test (see PictureOptions). */
export interface DemoPicture {
  everydayEveryMs: number;
  seriousEveryMs: number;
  firstSeriousAfterMs: number;
}

/**
 * A wall on the overview (no auto-focus) fed by the demo's simulator: the demo's agencies, its
 * sites, readings every second and incidents at the given pace. `stop()` ends both.
 */
export async function startDemoWall(name: string, picture: DemoPicture, query?: string) {
  const wall = await startWall(name, {
    ...(query === undefined ? {} : { query }),
    server: {
      AGENCIES_FILE: DEMO_AGENCIES_FILE,
      WALL_FILE: path.resolve('tests/fixtures/wall.overview.test.yaml'),
    },
  });
  const sim = createSimulator({
    url: wall.h.brokerUrl,
    topicRoot: wall.h.iso.topicRoot,
    seed: 7,
    intervalMs: 1_000,
    clientIdSuffix: wall.h.iso.clientId('sim'),
    picture,
  });
  sim.start();
  return {
    ...wall,
    async stop() {
      await sim.stop();
      await wall.stop();
    },
  };
}
export type DemoWall = Awaited<ReturnType<typeof startDemoWall>>;
