/**
 * The wall in headless Chromium (Debian's, software WebGL) with a large picture: frame times
 * while telemetry streams in, and the cost of applying each batch on the page's main thread.
 * Figures, never assertions: `npm run bench:wall` (`-- --quick` for smaller sizes).
 *
 * The page is the built client served by a real server (sign-in off, an empty Redis prefix of
 * its own); the picture is put into the page's store directly (`window.__cc.store`), so what is
 * measured is the screen alone: store, React panels, deck.gl layers and MapLibre.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { loadConfig, createLogger } from '@cc/shared/node';
import { startServer } from '../server/src/server';

export interface WallFramesResult {
  entities: { hazards: number; resources: number; incidents: number };
  updatesPerSecond: number;
  seconds: number;
  /** Frame intervals (requestAnimationFrame to requestAnimationFrame), ms. */
  idle: FrameStats;
  streaming: FrameStats;
  /** One telemetry frame (`updatesPerSecond / 10` readings and positions) applied to the store. */
  applyTelemetryMs: { p50: number; p95: number; max: number };
  /** A batch of 1,000 events (hazard and resource updates) applied to the store. */
  applyEventsMs: { p50: number; p95: number; max: number };
  /**
   * Fraction of wall-clock time the page's main thread was busy (all tasks) and running script,
   * over the run: what a GPU would not take away. Frame times here include Chromium's software
   * rasterizer (SwiftShader: `--disable-gpu` on a 2-core machine), which a wall's GPU does.
   */
  mainThread: { busy: number; script: number };
}

interface FrameStats {
  frames: number;
  fps: number;
  p50: number;
  p95: number;
  p99: number;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs in the page: builds the picture, streams telemetry, measures. Kept free of imports. */
async function inPage(args: {
  hazards: number;
  resources: number;
  incidents: number;
  updatesPerSecond: number;
  seconds: number;
}) {
  type Hooks = {
    __cc: {
      store: {
        getState(): {
          applySnapshot(s: unknown): void;
          applyTelemetry(f: unknown): void;
          applyEvents(b: unknown): void;
        };
      };
    };
  };
  const { store } = (globalThis as unknown as Hooks).__cc;
  const now = Date.now();
  const at = (i: number): [number, number] => [
    119.45 + (((i * 7919) % 10_000) / 10_000) * 0.7,
    31.35 + (((i * 104729) % 10_000) / 10_000) * 0.65,
  ];
  const hazard = (i: number, ts: number) => ({
    id: `b:h${i}`,
    agency: 'b',
    name: `危险源 ${i}`,
    enterprise: '某企业',
    grade: 1 + (i % 4),
    chemicals: [],
    location: at(i),
    sensors: [
      {
        id: `b:h${i}/s`,
        hazardId: `b:h${i}`,
        metric: 'level',
        unit: '%',
        thresholds: { high: 85, highHigh: 95 },
        interval: 3600,
      },
    ],
    ts,
  });
  const types = ['fire_engine', 'ambulance', 'rescue_team', 'police_car', 'hazmat_unit'];
  const statuses = ['available', 'en_route', 'on_scene', 'dispatched', 'returning'];
  const resource = (i: number, ts: number) => ({
    id: `b:r${i}`,
    agency: 'b',
    type: types[i % types.length],
    name: `车辆 ${i}`,
    status: statuses[i % statuses.length],
    location: at(i + 500_000),
    ts,
  });
  const incident = (i: number) => ({
    id: `b:i${i}`,
    agency: 'b',
    type: 'fire',
    category: 'accident_disaster',
    level: (['I', 'II', 'III', 'IV'] as const)[i % 4],
    status: 'responding',
    title: `事件 ${i}`,
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    location: at(i + 900_000),
    ts: now,
  });
  store.getState().applySnapshot({
    eventId: '1-0',
    at: now,
    hazards: Array.from({ length: args.hazards }, (_, i) => hazard(i, now)),
    readings: Array.from({ length: args.hazards }, (_, i) => ({
      id: `b:h${i}/s`,
      ts: now,
      value: 50,
      level: 'normal',
    })),
    alarms: [],
    incidents: Array.from({ length: args.incidents }, (_, i) => incident(i)),
    resources: Array.from({ length: args.resources }, (_, i) => resource(i, now)),
    positions: [],
    warnings: [],
    riskareas: [],
    orders: [],
    places: [],
    stations: [],
    zones: [],
    hiddenhazards: [],
    cameras: [],
    cameraHealth: [],
  });

  // The root tsconfig has no DOM types: the one browser function used, typed here.
  const requestAnimationFrame = (cb: (t: number) => void) =>
    (
      globalThis as unknown as { requestAnimationFrame(cb: (t: number) => void): number }
    ).requestAnimationFrame(cb);
  const frameIntervals = async (ms: number): Promise<number[]> => {
    const out: number[] = [];
    let last = performance.now();
    const end = last + ms;
    await new Promise<void>((resolve) => {
      const step = (t: number) => {
        out.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return out;
  };
  await new Promise((r) => setTimeout(r, 3_000));
  const idle = await frameIntervals(3_000);

  // 10 frames a second, each with updatesPerSecond / 10 changes: half readings, half positions.
  const perFrame = Math.round(args.updatesPerSecond / 10);
  const telemetryMs: number[] = [];
  const eventsMs: number[] = [];
  let seq = 0;
  let eventSeq = 2;
  const timer = setInterval(() => {
    const ts = Date.now();
    const readings = [];
    const positions = [];
    for (let j = 0; j < perFrame / 2; j++) {
      const i = (seq * 7 + j * 131) % args.hazards;
      // One in 500 crosses into an alarm and back: states change now and then.
      const value = (seq + j) % 500 === 0 ? 97 : 40 + ((seq + j) % 30);
      readings.push({ id: `b:h${i}/s`, ts, value, level: value >= 95 ? 'HH' : 'normal' });
      const r = (seq * 3 + j * 17) % args.resources;
      const [lng, lat] = at(r + 500_000);
      positions.push({ id: `b:r${r}`, ts, location: [lng + (seq % 50) * 1e-4, lat] });
    }
    seq += 1;
    const t0 = performance.now();
    store.getState().applyTelemetry({ readings, positions });
    telemetryMs.push(performance.now() - t0);
    if (seq % 10 === 0) {
      // Once a second, a batch of 1,000 events.
      const events = Array.from({ length: 1_000 }, (_, j) => {
        const id = `${Date.now()}-${eventSeq++}`;
        return j % 2 === 0
          ? { id, kind: 'hazard', op: 'upsert', data: hazard((seq * 1_000 + j) % args.hazards, ts) }
          : {
              id,
              kind: 'resource',
              op: 'upsert',
              data: resource((seq * 1_000 + j) % args.resources, ts),
            };
      });
      const t1 = performance.now();
      store.getState().applyEvents({ events });
      eventsMs.push(performance.now() - t1);
    }
  }, 100);
  const streaming = await frameIntervals(args.seconds * 1_000);
  clearInterval(timer);
  return { idle, streaming, telemetryMs, eventsMs };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number) => Math.round(x * 100) / 100;
function frames(xs: number[], seconds: number): FrameStats {
  return {
    frames: xs.length,
    fps: round(xs.length / seconds),
    p50: round(pct(xs, 50)),
    p95: round(pct(xs, 95)),
    p99: round(pct(xs, 99)),
  };
}
const summary = (xs: number[]) => ({
  p50: round(pct(xs, 50)),
  p95: round(pct(xs, 95)),
  max: round(Math.max(0, ...xs)),
});

export async function benchWallFrames(
  options: { quick?: boolean } = {},
): Promise<WallFramesResult> {
  const dist = path.join(ROOT, 'client/dist');
  if (!existsSync(path.join(dist, 'index.html')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const prefix = `bench-wall-${randomBytes(4).toString('hex')}:`;
  const server = await startServer(
    loadConfig({
      ...process.env,
      REDIS_PREFIX: prefix,
      PORT: '0',
      HOST: '127.0.0.1',
      CLIENT_DIST: dist,
      USERS_FILE: '',
      WALL_FILE: '',
    }),
    createLogger('bench-wall', 'silent'),
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-map-ready="1"]');
    await page.locator('[data-testid=connection][data-state=live]').waitFor();
    const sizes = options.quick
      ? { hazards: 10_000, resources: 8_000, incidents: 2_000, seconds: 5 }
      : { hazards: 10_000, resources: 8_000, incidents: 2_000, seconds: 15 };
    const updatesPerSecond = 2_000;
    // tsx compiles with esbuild's keepNames, whose helper the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
    // Main-thread time (tasks, script) over the whole run, from Chromium's own counters.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map((m) => [m.name, m.value]));
    };
    const before = await metrics();
    const r = await page.evaluate(inPage, { ...sizes, updatesPerSecond });
    const after = await metrics();
    const wall = (after.Timestamp ?? 0) - (before.Timestamp ?? 0);
    const busy = (name: string) => round(((after[name] ?? 0) - (before[name] ?? 0)) / wall);
    return {
      entities: { hazards: sizes.hazards, resources: sizes.resources, incidents: sizes.incidents },
      updatesPerSecond,
      seconds: sizes.seconds,
      idle: frames(r.idle, 3),
      streaming: frames(r.streaming, sizes.seconds),
      applyTelemetryMs: summary(r.telemetryMs),
      applyEventsMs: summary(r.eventsMs),
      mainThread: { busy: busy('TaskDuration'), script: busy('ScriptDuration') },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const result = await benchWallFrames({ quick: process.argv.includes('--quick') });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
