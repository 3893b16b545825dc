/**
 * A probe that is a real screen: Debian's Chromium (playwright-core) opens the wall page the server
 * serves, and a listener on the page's own store (`window.__cc.store`) notes when the store holds
 * each sampled sensor's reading. Freshness here is what a person in front of the wall gets: the
 * page's socket, its parsing, its reducers and its main thread shared with the map's drawing.
 *
 * The same arithmetic as the Node probes (clients.ts): a reading carries its per-sensor sequence
 * number as its value, so the store holding number `seq` means every earlier one is held too; the
 * j-th newest of those was published about j periods before the held one.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHistogram, type HistogramData } from '../histogram';
import { serveWorker } from '../procs';
import { sensorEntity } from '../scenario';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserStepStats {
  freshness: HistogramData;
  /** Sampled readings the page's store came to hold (or a newer one), and never did. */
  held: number;
  missed: number;
  sampled: number;
  /**
   * What tells a page that lags from a probe that misses: the page's main thread in long tasks
   * (≥ 50 ms each, % of the step), the store's reading updates per second, the sampled sensors
   * the store holds at all at the end, and how old the newest sampled reading it holds was then.
   */
  longTaskShare: number;
  updatesPerSecond: number;
  present: number;
  newestAgeMs: number;
}

let browser: Browser | undefined;
let page: Page | undefined;
/** Generator indexes of the sampled sensors. */
let sampled: number[] = [];

/** What the page keeps, in the page (typed here for the evaluate callbacks). */
interface PageProbe {
  ids: string[];
  index: Map<string, number>;
  seq: number[];
  startedAt: number;
  periodMs: number;
  fresh: number[];
  held: number;
  longTaskMs: number;
  updates: number;
}
interface ProbeWindow {
  __probe?: PageProbe;
  __cc?: {
    store: {
      subscribe(
        listener: (
          s: { readings: ReadonlyMap<string, { value: number; ts: number }> },
          prev: { readings: unknown },
        ) => void,
      ): () => void;
    };
  };
}

async function pageReady(p: Page, timeoutMs: number) {
  await p.waitForFunction(() => (globalThis as unknown as ProbeWindow).__cc !== undefined, null, {
    timeout: timeoutMs,
    polling: 250,
  });
}

serveWorker({
  async connect(args: { url: string; sensors: number; sample: number }) {
    const started = performance.now();
    const step = Math.max(1, Math.floor(args.sensors / args.sample));
    sampled = [];
    for (let i = 0; i < args.sensors && sampled.length < args.sample; i += step) sampled.push(i);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${args.url}/`, { waitUntil: 'domcontentloaded' });
    // The wall exposes its store once its map has drawn: generous, it draws in software here.
    await pageReady(page, 180_000);
    const ids = sampled.map((i) => sensorEntity(i));
    await page.evaluate((ids) => {
      const w = globalThis as unknown as ProbeWindow;
      const probe: PageProbe = {
        ids,
        index: new Map(ids.map((id, i) => [id, i])),
        seq: ids.map(() => 0),
        startedAt: Infinity,
        periodMs: 1_000,
        fresh: [],
        held: 0,
        longTaskMs: 0,
        updates: 0,
      };
      w.__probe = probe;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longTaskMs += e.duration;
        // Chromium's Long Tasks API: an entry type Node's typings (this file's) do not list.
      }).observe({ type: 'longtask' as 'mark', buffered: false });
      w.__cc!.store.subscribe((s, prev) => {
        if (s.readings === prev.readings) return;
        probe.updates++;
        const at = performance.timeOrigin + performance.now();
        for (let i = 0; i < probe.ids.length; i++) {
          const r = s.readings.get(probe.ids[i]!);
          if (!r) continue;
          const last = probe.seq[i]!;
          if (r.value <= last) continue;
          const k = r.value - last;
          probe.seq[i] = r.value;
          if (r.ts < probe.startedAt) continue;
          for (let j = 0; j < k; j++) {
            const published = Math.max(probe.startedAt, r.ts - j * probe.periodMs);
            probe.fresh.push(Math.max(0, at - published));
          }
          probe.held += k;
        }
      });
    }, ids);
    return { ms: performance.now() - started, sampled: sampled.length };
  },

  /** A step starts: what the generator has published so far counts as held. */
  async begin(args: { periodMs: number; sensorSeq: number[] }) {
    const baseline = sampled.map((i) => args.sensorSeq[i] ?? 0);
    await page!.evaluate(
      ([periodMs, baseline]) => {
        const probe = (globalThis as unknown as ProbeWindow).__probe!;
        probe.periodMs = periodMs;
        probe.startedAt = performance.timeOrigin + performance.now();
        probe.seq = probe.seq.map((s, i) => Math.max(s, baseline[i]!));
        probe.fresh = [];
        probe.held = 0;
        probe.longTaskMs = 0;
        probe.updates = 0;
      },
      [args.periodMs, baseline] as const,
    );
    return {};
  },

  async end(args: { sensorSeq: number[] }): Promise<BrowserStepStats> {
    const { fresh, held, seq, longTaskMs, updates, stepMs, present, newestAgeMs } =
      await page!.evaluate(() => {
        const w = globalThis as unknown as ProbeWindow;
        const probe = w.__probe!;
        const now = performance.timeOrigin + performance.now();
        const stepMs = now - probe.startedAt;
        probe.startedAt = Infinity;
        const { readings } = (
          w.__cc!.store as unknown as {
            getState(): { readings: ReadonlyMap<string, { ts: number }> };
          }
        ).getState();
        let present = 0;
        let newest = -Infinity;
        for (const id of probe.ids) {
          const r = readings.get(id);
          if (!r) continue;
          present++;
          newest = Math.max(newest, r.ts);
        }
        return {
          fresh: probe.fresh,
          held: probe.held,
          seq: probe.seq,
          longTaskMs: probe.longTaskMs,
          updates: probe.updates,
          stepMs,
          present,
          newestAgeMs: now - newest,
        };
      });
    const freshness = createHistogram();
    for (const f of fresh) freshness.add(f);
    let missed = 0;
    sampled.forEach((g, i) => (missed += Math.max(0, (args.sensorSeq[g] ?? 0) - seq[i]!)));
    // Never held: at the histogram's far end, as the Node probes count them.
    if (missed > 0) freshness.add(600_000, missed);
    return {
      freshness: freshness.toJSON(),
      held,
      missed,
      sampled: sampled.length,
      longTaskShare: longTaskMs / Math.max(1, stepMs),
      updatesPerSecond: (updates * 1000) / Math.max(1, stepMs),
      present,
      newestAgeMs,
    };
  },

  async close() {
    await browser?.close();
    browser = undefined;
    return {};
  },
});
