import { createKeys, type Redis } from '@cc/shared/node';
import { createHistogram, summarize, type LatencySummary } from './histogram';
import { createCpuMeter, rssBytes, type Worker } from './procs';
import type { Stack } from './stack';
import type { RunArgs, RunResult } from './workers/generator';
import type { StepStats } from './workers/clients';
import type { BrowserStepStats } from './workers/browser-probe';

/** Entries ever added to a stream (Redis counts them past any trimming); 0 before it exists. */
export async function streamAdded(redis: Redis, key: string): Promise<number> {
  try {
    const reply = (await redis.sendCommand(['XINFO', 'STREAM', key])) as
      unknown[] | Record<string, unknown>;
    if (!Array.isArray(reply)) return Number(reply['entries-added']);
    const i = reply.indexOf('entries-added');
    return i < 0 ? NaN : Number(reply[i + 1]);
  } catch {
    return 0;
  }
}

/** Readings and positions stored under `prefix`: the counter the writes keep (`telemetryAdded`). */
export async function telemetryStored(redis: Redis, prefix: string): Promise<number> {
  return Number((await redis.get(createKeys(prefix).telemetryAdded)) ?? 0);
}

/** Busy CPU of the whole machine (all cores) in seconds, from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const [user, nice, system, , , irq, softirq, steal] = cpu.map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100
  );
}

export interface Rig {
  stack: Stack;
  generator: Worker;
  clients: Worker[];
  sensors: number;
  vehicles: number;
  /** A wall page in Chromium whose store is a freshness probe too (browser-probe.ts), and its processes. */
  browser?: { worker: Worker; pids: number[] };
  /** The generator's last sequence numbers, which the clients' probes start from. */
  seq: { sensorSeq: number[]; vehicleSeq: number[] };
}

/** Every process of the run, product and bench alike, by name. */
export function allPids(rig: Rig): Record<string, number> {
  const pids = { ...rig.stack.pids(), generator: rig.generator.pid };
  rig.clients.forEach((c, i) => ((pids as Record<string, number>)[`clients${i + 1}`] = c.pid));
  if (rig.browser) {
    const named = pids as Record<string, number>;
    named.browser = rig.browser.worker.pid;
    rig.browser.pids.forEach((pid, i) => (named[`browser${i + 1}`] = pid));
  }
  return pids;
}

export interface StepResult {
  label: string;
  rate: number;
  qos: 0 | 1;
  perMessage: number;
  clients: number;
  seconds: number;
  /** Items the generator published per second, and MQTT messages per second. */
  publishedRate: number;
  messagesRate: number;
  /** Readings and positions stored in Redis (the `telemetryAdded` counter) per second of the step. */
  storedRate: number;
  published: number;
  stored: number;
  /** Time after the generator stopped until everything published was stored. */
  drainMs: number;
  events: {
    published: number;
    lostWorstClient: number;
    latency: LatencySummary;
    /** Publish → stored in Redis (the stream id's time), and stored → screen. */
    toRedis?: LatencySummary;
    fromRedis?: LatencySummary;
  };
  telemetry: {
    freshness: LatencySummary;
    frameLag: LatencySummary;
    /** Share of published readings the probe clients came to hold (or a newer one). */
    heldShare: number;
    /** Readings and positions received per second by a client (after coalescing). */
    perClientRate: number;
    /** Telemetry frames received per second by a client (10 Hz when nothing is skipped). */
    framesPerClient: number;
  };
  /** The wall page's store as a probe (when a browser took part in the step). */
  browser?: {
    freshness: LatencySummary;
    heldShare: number;
    sampled: number;
    /** Chromium's processes and the worker driving it, % of one core. */
    cpu: number;
    /** The page's main thread in long tasks (share of the step), store updates per second. */
    longTaskShare?: number;
    updatesPerSecond?: number;
    /** Sampled sensors the store held at the end, and the age of the newest one it held. */
    present?: number;
    newestAgeMs?: number;
  };
  cpu: Record<string, number>;
  /** CPU microseconds each process spent per item stored (readings and positions). */
  cpuPerItemUs: Record<string, number>;
  /** CPU of the machine not used by any process of this run (% of one core). */
  otherCpu: number;
  passed: boolean;
}

/**
 * One step: the generator publishes at `rate` for `seconds` while the clients measure; then the
 * step waits until ingest has stored everything published (or stalls) and collects the figures.
 */
export async function runStep(rig: Rig, label: string, run: RunArgs): Promise<StepResult> {
  const { stack } = rig;
  const meter = createCpuMeter(() => allPids(rig));
  const before = await telemetryStored(stack.redis, stack.prefix);
  const total = rig.sensors + rig.vehicles;
  const periodMs = (total / run.rate) * 1000;
  await Promise.all([
    ...rig.clients.map((c) => c.call('begin', { periodMs, ...rig.seq })),
    rig.browser?.worker.call('begin', { periodMs, ...rig.seq }),
  ]);
  const mark = meter.mark();
  const busyBefore = await machineBusySeconds();
  const result = await rig.generator.call<RunResult>('run', run, run.seconds * 1000 + 120_000);
  rig.seq = { sensorSeq: result.sensorSeq, vehicleSeq: result.vehicleSeq };

  // Drain: until every acknowledged item is stored, or nothing moves for 3 s (30 s at most).
  const drainStarted = performance.now();
  let stored = (await telemetryStored(stack.redis, stack.prefix)) - before;
  let lastMove = performance.now();
  while (stored < result.acked && performance.now() - lastMove < 3_000) {
    if (performance.now() - drainStarted > 30_000) break;
    await new Promise((r) => setTimeout(r, 50));
    const now = (await telemetryStored(stack.redis, stack.prefix)) - before;
    if (now > stored) lastMove = performance.now();
    stored = now;
  }
  const drainMs = stored >= result.acked ? performance.now() - drainStarted : NaN;
  // A last frame (100 ms) to reach the clients.
  await new Promise((r) => setTimeout(r, 300));
  const cpu = meter.since(mark);
  const wall = (performance.now() - mark.at) / 1000;
  const busy = ((await machineBusySeconds()) - busyBefore) / wall;
  const ours = Object.values(cpu).reduce((a, b) => a + b, 0);
  const stats = await Promise.all(rig.clients.map((c) => c.call<StepStats>('end', rig.seq)));
  const browserStats = await rig.browser?.worker.call<BrowserStepStats>('end', rig.seq);

  const events = createHistogram();
  const toRedis = createHistogram();
  const fromRedis = createHistogram();
  const freshness = createHistogram();
  const frameLag = createHistogram();
  let held = 0;
  let missed = 0;
  let items = 0;
  let clients = 0;
  let parsing = 0;
  let frames = 0;
  let eventsMin = Infinity;
  for (const s of stats) {
    events.merge(s.events);
    toRedis.merge(s.eventsToRedis);
    fromRedis.merge(s.eventsFromRedis);
    freshness.merge(s.freshness);
    frameLag.merge(s.frameLag);
    held += s.held;
    missed += s.missed;
    items += s.telemetryItems;
    clients += s.clients;
    parsing += s.parsing;
    frames += s.frames;
    eventsMin = Math.min(eventsMin, s.eventsMin);
  }
  const lost = Math.max(0, result.events - eventsMin);
  const ev = summarize(events);
  const step: StepResult = {
    label,
    rate: run.rate,
    qos: run.qos,
    perMessage: run.perMessage,
    clients,
    seconds: result.seconds,
    publishedRate: result.items / result.seconds,
    messagesRate: result.messages / result.seconds,
    storedRate: stored / (result.seconds + (Number.isNaN(drainMs) ? 3 : drainMs / 1000)),
    published: result.acked,
    stored,
    drainMs,
    events: {
      published: result.events,
      lostWorstClient: lost,
      latency: ev,
      toRedis: summarize(toRedis),
      fromRedis: summarize(fromRedis),
    },
    telemetry: {
      freshness: summarize(freshness),
      frameLag: summarize(frameLag),
      heldShare: held + missed > 0 ? held / (held + missed) : NaN,
      perClientRate: parsing > 0 ? items / parsing / result.seconds : 0,
      framesPerClient: clients > 0 ? frames / clients / result.seconds : 0,
    },
    ...(browserStats
      ? {
          browser: {
            freshness: summarize(createHistogram(browserStats.freshness)),
            heldShare: browserStats.held / Math.max(1, browserStats.held + browserStats.missed),
            sampled: browserStats.sampled,
            longTaskShare: browserStats.longTaskShare,
            updatesPerSecond: browserStats.updatesPerSecond,
            present: browserStats.present,
            newestAgeMs: browserStats.newestAgeMs,
            cpu:
              Math.round(
                Object.entries(cpu).reduce(
                  (a, [k, v]) => (k.startsWith('browser') ? a + v : a),
                  0,
                ) * 10,
              ) / 10,
          },
        }
      : {}),
    cpu,
    cpuPerItemUs: Object.fromEntries(
      Object.entries(cpu).map(([name, pct]) => [
        name,
        stored > 0 ? Math.round(((pct / 100) * wall * 1e6 * 10) / stored) / 10 : NaN,
      ]),
    ),
    otherCpu: Math.max(0, Math.round(busy * 1000 - ours * 10) / 10),
    passed: false,
  };
  // Sustained: the generator kept its rate, everything was stored without a backlog, no event was
  // lost and event p99 stayed under 1 s.
  step.passed =
    step.publishedRate >= 0.95 * run.rate &&
    stored >= result.acked &&
    drainMs < 1_000 &&
    lost === 0 &&
    ev.p99 < 1_000;
  return step;
}

/** Resident memory of every process, MiB. */
export function memoryOf(pids: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) out[name] = Math.round(rssBytes(pid) / 1048576);
  return out;
}
