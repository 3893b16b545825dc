import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTopics, OrderNotice, type FeedKind } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from './brokers';
import { launchChromium } from './browser';
import { startFeedHarness, type FeedHarness } from './feed-harness';
import { connectPublisher } from './mqtt';
import { startTestServer } from './product';
import { TEST_WALL_FILE } from './wall-page';

/** The tablet sizes the issue names: a 10" tablet in landscape and a 12.9" one. */
export const TABLET_1024 = { width: 1024, height: 768 };
export const TABLET_1366 = { width: 1366, height: 1024 };

/** Selectors of every control a finger must hit (checked for size by the tests). */
export const TOUCH_CONTROLS = 'button, input, select, textarea, [role=tab], a[href]';

/**
 * The product for a tablet test: embedded broker, ingest, Redis under the test's prefix, a
 * server serving the built client with the test users (and the test wall file, for a wall page
 * beside the tablet), and a Chromium page on `/command`, not yet signed in.
 */
export async function startCommand(
  name: string,
  options: {
    viewport?: { width: number; height: number };
    /** More server settings (ROADS_FILE, say). */
    serverEnv?: Record<string, string>;
    /** More ingest settings (CAMERA_PROBE, say). */
    ingestEnv?: Record<string, string>;
    /** How long the tablet's map may take to be drawn (default 60 s). */
    mapReadyMs?: number;
  } = {},
) {
  const viewport = options.viewport ?? TABLET_1024;
  const h: FeedHarness = await startFeedHarness(name, BROKERS[0]!, 'ent-test', options.ingestEnv);
  const serverEnv = {
    CLIENT_DIST: path.resolve('client/dist'),
    WALL_FILE: TEST_WALL_FILE,
    ...options.serverEnv,
  };
  let server: RunningServer = await startTestServer(h.iso, serverEnv);
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  /** A page in its own context: its own localStorage, so a wall's token never meets a tablet's. */
  async function newPage(size = viewport): Promise<Page> {
    const context = await browser.newContext({ viewport: size, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    return page;
  }
  const page = await newPage();
  await page.goto(`${server.url}/command`, { timeout: 120_000 });
  // Generous: a loaded 2-core machine's software GL can take more than a minute to a drawn map.
  await page.waitForSelector('body[data-map-ready="1"]', {
    timeout: options.mapReadyMs ?? 120_000,
  });
  const agencies: TestAgency[] = [];

  return {
    h,
    page,
    browser,
    get server() {
      return server;
    },
    errors,
    newPage,
    /** Stops the server (the pages stay open): their link is down. */
    async stopServer() {
      await server.close();
    },
    /** Starts it again on the same port: the pages reconnect by themselves. */
    async startServerAgain() {
      server = await startTestServer(h.iso, { ...serverEnv, PORT: String(server.port) });
    },
    /** Signs in through the form and waits for the live picture. */
    async signIn(username: string, password = `pw-${username}`, on: Page = page) {
      const form = on.locator('[data-testid=sign-in]');
      await form.waitFor();
      await form.locator('input[name=username]').fill(username);
      await form.locator('input[name=password]').fill(password);
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
      // Generous: the first snapshot on a loaded shared machine can take longer than 30 s.
      await on.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 90_000 });
    },
    /** A wall page beside the tablet, signed in with the test display's key. */
    async openWall(size = { width: 1600, height: 900 }) {
      const wall = await newPage(size);
      await wall.goto(`${server.url}/?display=wall-1&key=key-wall-1`);
      // Two pages drawing maps in software on a shared machine: give the second one time.
      await wall.waitForSelector('body[data-map-ready="1"]', { timeout: 60_000 });
      await wall.locator('[data-testid=connection][data-state=live]').waitFor();
      await recordFeedLines(wall);
      return wall;
    },
    /** An agency of the test that publishes its units and answers the orders it receives. */
    async agency(id: string) {
      const agency = await startTestAgency(h, id);
      agencies.push(agency);
      return agency;
    },
    async stop() {
      await Promise.all(agencies.map((a) => a.stop()));
      for (const c of contexts) await c.close();
      await browser.close();
      await server.close();
      await h.stop();
    },
  };
}
export type CommandPage = Awaited<ReturnType<typeof startCommand>>;

/** A unit as its agency publishes it. */
export function unitMessage(
  id: string,
  fields: {
    type: string;
    name: string;
    location: [number, number];
    status?: string;
    phone?: string;
  },
) {
  return {
    id,
    ts: new Date().toISOString(),
    type: fields.type,
    name: fields.name,
    status: fields.status ?? 'available',
    location: { type: 'Point', coordinates: fields.location },
    ...(fields.phone === undefined ? {} : { phone: fields.phone }),
  };
}

/**
 * A partner agency on the test's broker: publishes under `{root}/{id}/{kind}` and listens on its
 * orders topic (QoS 1). With `answerOrders`, each dispatch order is acknowledged after a short
 * pause and the unit then reports itself en route, as a fire station would.
 */
export async function startTestAgency(h: FeedHarness, id: string) {
  const topics = createTopics(h.iso.topicRoot);
  const pub: MqttClient = await connectPublisher(h.brokerUrl, h.iso.clientId(`${id}-pub`));
  const listener = await mqtt.connectAsync(h.brokerUrl, {
    clientId: h.iso.clientId(`${id}-orders`),
    protocolVersion: 4,
  });
  const received: OrderNotice[] = [];
  const units = new Map<string, ReturnType<typeof unitMessage>>();
  let answering: { ackAfterMs: number; enRouteAfterMs: number } | null = null;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const publish = (kind: FeedKind, payload: unknown) =>
    pub.publishAsync(topics.feed(id, kind), JSON.stringify(payload), { qos: 1 });

  listener.on('message', (_topic, payload) => {
    const notice = OrderNotice.parse(JSON.parse(payload.toString()));
    received.push(notice);
    if (!answering || notice.kind !== 'dispatch') return;
    const { ackAfterMs, enRouteAfterMs } = answering;
    later(ackAfterMs, () => {
      void publish('order', {
        id: notice.id,
        ts: new Date().toISOString(),
        status: 'acknowledged',
        note: '已出动',
      });
      later(enRouteAfterMs, () => {
        const unit = units.get(notice.resourceId);
        if (unit)
          void publish('resource', { ...unit, ts: new Date().toISOString(), status: 'en_route' });
      });
    });
  });
  await listener.subscribeAsync(topics.orders(id), { qos: 1 });

  return {
    id,
    received,
    publish,
    /** Publishes a unit (available unless said otherwise); its id in the picture is `{id}:{local}`. */
    async unit(localId: string, fields: Parameters<typeof unitMessage>[1]) {
      const message = unitMessage(localId, fields);
      units.set(localId, message);
      await publish('resource', message);
      return `${id}:${localId}`;
    },
    /** From now on, acknowledges each dispatch order, then reports the unit en route. */
    answerOrders(ackAfterMs = 400, enRouteAfterMs = 400) {
      answering = { ackAfterMs, enRouteAfterMs };
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      await listener.endAsync();
      await pub.endAsync();
    },
  };
}
export type TestAgency = Awaited<ReturnType<typeof startTestAgency>>;

/**
 * Controls smaller than 44 × 44 px among those visible on the page (the touch-target rule), as
 * `testid or text: w×h` strings.
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const w = globalThis as unknown as PageDom;
    const small: string[] = [];
    for (const el of Array.from(w.document.querySelectorAll(selector))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || w.getComputedStyle(el).visibility === 'hidden')
        continue;
      if (r.width < 44 || r.height < 44) {
        const name = el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
        small.push(
          `${el.tagName.toLowerCase()} ${name.trim().slice(0, 30)}: ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return small;
  }, TOUCH_CONTROLS);
}

/** The few DOM members `smallTouchTargets` uses, typed without the DOM library. */
interface PageElement {
  getBoundingClientRect(): { width: number; height: number };
  getAttribute(name: string): string | null;
  dataset: Record<string, string | undefined>;
  tagName: string;
  textContent: string | null;
}
interface PageDom {
  document: { querySelectorAll(selector: string): ArrayLike<PageElement> };
  getComputedStyle(el: PageElement): { visibility: string };
}

/** Where a WGS-84 position is on the tablet's page (its map must be ready). */
export async function pointOf(page: Page, lngLat: [number, number]) {
  return page.evaluate(([lng, lat]) => {
    const { map } = (
      globalThis as unknown as {
        __cc: {
          map: {
            project(p: [number, number]): { x: number; y: number };
            getCanvas(): { getBoundingClientRect(): { left: number; top: number } };
          };
        };
      }
    ).__cc;
    const p = map.project([lng, lat]);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, lngLat);
}

/**
 * The wall's event feed shows the newest lines that fit under the map: a line can scroll out
 * before a test looks. Every feed line the page has drawn since is kept in `window.__feedSeen`.
 */
async function recordFeedLines(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const seen = (window.__feedSeen = new Set());
    const take = () => {
      for (const el of document.querySelectorAll('[data-testid=feed-line]')) seen.add(el.textContent);
    };
    take();
    new MutationObserver(take).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

/** How many distinct feed lines containing `text` the wall has shown (see `recordFeedLines`). */
export async function feedLinesShown(page: Page, text: string): Promise<number> {
  return (await page.evaluate(
    `[...(window.__feedSeen ?? [])].filter((s) => s.includes(${JSON.stringify(text)})).length`,
  )) as number;
}
