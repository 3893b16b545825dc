/**
 * Screens, in a process of their own: Socket.IO clients subscribed like walls (everything) and
 * tablets (chosen layers and an area, served one by one by the server). Every client measures
 * event latency and loss; a few "probe" clients also track every sensor and vehicle, to measure
 * telemetry freshness: how long after a reading was published the client held it or a newer one.
 * The others only count their telemetry frames (light-parser.ts).
 */
import { io, type Socket } from 'socket.io-client';
import {
  compareStreamIds,
  type ClientToServerEvents,
  type EventBatch,
  type ServerToClientEvents,
  type Snapshot,
  type TelemetryFrame,
} from '@cc/shared';
import { createHistogram, type HistogramData } from '../histogram';
import { serveWorker } from '../procs';
import { POSITION_SEQ_MOD, sensorEntity, vehicleEntity } from '../scenario';
import { lightParser } from './light-parser';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Probe {
  seq: Int32Array;
  ts: Float64Array;
}

interface Screen {
  socket: LiveSocket;
  seen: Set<string>;
  probe?: Probe;
}

export interface StepStats {
  clients: number;
  connected: number;
  events: HistogramData;
  eventsToRedis: HistogramData;
  eventsFromRedis: HistogramData;
  /** Unique step events received by the client that received the fewest, and the most. */
  eventsMin: number;
  eventsMax: number;
  freshness: HistogramData;
  frameLag: HistogramData;
  frames: number;
  /** Readings and positions received, over the clients that parse their frames. */
  telemetryItems: number;
  /** Clients that parse their frames (the probes). */
  parsing: number;
  /** Probes: published readings and positions they came to hold (or a newer one) / never did. */
  held: number;
  missed: number;
  seconds: number;
}

const screens: Screen[] = [];
const index = new Map<string, number>();
let sensors = 0;
let periodMs = 1_000;
let stepStarted = 0;
const now = () => performance.timeOrigin + performance.now();

const events = createHistogram();
/** The two halves of an event's latency, split at the time Redis stamped its stream id. */
const eventsToRedis = createHistogram();
const eventsFromRedis = createHistogram();
const freshness = createHistogram();
const frameLag = createHistogram();
const counts = { frames: 0, items: 0, held: 0 };

/** Entities `[0, sensors)` are sensors, then vehicles, as the generator numbers them. */
function entityIndex(id: string): number | undefined {
  return index.get(id);
}

function onEvents(screen: Screen, batch: EventBatch) {
  const at = now();
  for (const e of batch.events) {
    if (e.op !== 'upsert' || (e.kind !== 'incident' && e.kind !== 'resource')) continue;
    if (e.data.ts < stepStarted) continue;
    const key = `${e.kind}|${e.data.id}|${e.data.ts}`;
    if (screen.seen.has(key)) continue;
    screen.seen.add(key);
    events.add(at - e.data.ts);
    const stored = Number(e.id.slice(0, e.id.indexOf('-')));
    eventsToRedis.add(Math.max(0, stored - e.data.ts));
    eventsFromRedis.add(Math.max(0, at - stored));
  }
}

/** Everything from the last held sequence number up to `seq` is now held. */
function hold(probe: Probe, i: number, seq: number, ts: number, at: number) {
  const last = probe.seq[i]!;
  if (seq <= last) return;
  const k = seq - last;
  probe.seq[i] = seq;
  probe.ts[i] = ts;
  if (ts < stepStarted) return;
  // The generator spaced this entity's messages `periodMs` apart, so the j-th newest was
  // published about j periods before this one (and not before the step began).
  for (let j = 0; j < k; j++) {
    const published = Math.max(stepStarted, ts - j * periodMs);
    freshness.add(Math.max(0, at - published));
  }
  counts.held += k;
}

function onTelemetry(screen: Screen, frame: TelemetryFrame | { light: number }) {
  const at = now();
  counts.frames++;
  if ('light' in frame) return;
  counts.items += frame.readings.length + frame.positions.length;
  let newest = 0;
  for (const r of frame.readings) if (r.ts > newest) newest = r.ts;
  for (const p of frame.positions) if (p.ts > newest) newest = p.ts;
  if (newest >= stepStarted) frameLag.add(at - newest);
  const probe = screen.probe;
  if (!probe) return;
  for (const r of frame.readings) {
    const i = entityIndex(r.id);
    if (i !== undefined) hold(probe, i, r.value, r.ts, at);
  }
  for (const p of frame.positions) {
    const i = entityIndex(p.id);
    if (i === undefined) continue;
    const last = probe.seq[i]!;
    const delta =
      ((p.speed ?? 0) - (last % POSITION_SEQ_MOD) + POSITION_SEQ_MOD) % POSITION_SEQ_MOD;
    hold(probe, i, last + delta, p.ts, at);
  }
}

function seed(screen: Screen, snapshot: Snapshot) {
  const probe = screen.probe;
  if (!probe) return;
  for (const r of snapshot.readings) {
    const i = entityIndex(r.id);
    if (i !== undefined) probe.seq[i] = Math.max(probe.seq[i]!, r.value);
  }
}

function connect(url: string, auth: Record<string, unknown>, light = false): LiveSocket {
  return io(url, {
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    ...(light ? { parser: lightParser } : {}),
  });
}

serveWorker({
  async connect(args: {
    url: string;
    count: number;
    sensors: number;
    vehicles: number;
    probes: number;
    /** Share of clients subscribed like tablets (layers and an area). */
    tablets: number;
  }) {
    sensors = args.sensors;
    if (index.size === 0) {
      for (let i = 0; i < args.sensors; i++) index.set(sensorEntity(i), i);
      for (let v = 0; v < args.vehicles; v++) index.set(vehicleEntity(v), args.sensors + v);
    }
    const started = performance.now();
    const ready: Promise<void>[] = [];
    for (let c = 0; c < args.count; c++) {
      const tablet = args.tablets > 0 && c % Math.round(1 / args.tablets) === 1;
      const auth = tablet
        ? { layers: ['incident', 'resource', 'hazard', 'alarm'], bbox: [119, 31, 121, 33] }
        : {};
      const probe = screens.length < args.probes;
      const screen: Screen = { socket: connect(args.url, auth, !probe), seen: new Set() };
      if (probe) {
        const n = args.sensors + args.vehicles;
        screen.probe = { seq: new Int32Array(n), ts: new Float64Array(n) };
      }
      screens.push(screen);
      ready.push(
        new Promise<void>((resolve, reject) => {
          screen.socket.once('snapshot', (s) => {
            seed(screen, s);
            resolve();
          });
          screen.socket.once('connect_error', reject);
        }),
      );
      screen.socket.on('events', (b) => onEvents(screen, b));
      // A light screen's frames arrive as `{ light: bytes }` (see light-parser.ts).
      screen.socket.on('telemetry', (f) =>
        onTelemetry(screen, f as TelemetryFrame | { light: number }),
      );
      // Connect in small groups: a real wall does not open 500 sockets in the same millisecond.
      if (c % 50 === 49) await Promise.all(ready.slice(-50));
    }
    await Promise.all(ready);
    return { clients: screens.length, ms: performance.now() - started };
  },

  /** A step starts; the generator's sequence numbers so far are what the probes already hold. */
  async begin(args: { periodMs: number; sensorSeq: number[]; vehicleSeq: number[] }) {
    periodMs = args.periodMs;
    stepStarted = now();
    for (const s of screens) {
      if (!s.probe) continue;
      args.sensorSeq.forEach((seq, i) => (s.probe!.seq[i] = Math.max(s.probe!.seq[i]!, seq)));
      args.vehicleSeq.forEach(
        (seq, v) => (s.probe!.seq[sensors + v] = Math.max(s.probe!.seq[sensors + v]!, seq)),
      );
    }
    events.reset();
    eventsToRedis.reset();
    eventsFromRedis.reset();
    freshness.reset();
    frameLag.reset();
    counts.frames = 0;
    counts.items = 0;
    counts.held = 0;
    for (const s of screens) s.seen.clear();
    return {};
  },

  async end(args: { sensorSeq: number[]; vehicleSeq: number[] }): Promise<StepStats> {
    let missed = 0;
    for (const s of screens) {
      if (!s.probe) continue;
      args.sensorSeq.forEach((seq, i) => (missed += Math.max(0, seq - s.probe!.seq[i]!)));
      args.vehicleSeq.forEach(
        (seq, v) => (missed += Math.max(0, seq - s.probe!.seq[sensors + v]!)),
      );
    }
    // Never held: counted at the histogram's far end, so percentiles cannot hide them.
    if (missed > 0) freshness.add(600_000, missed);
    const perClient = screens.map((s) => s.seen.size);
    return {
      clients: screens.length,
      connected: screens.filter((s) => s.socket.connected).length,
      events: events.toJSON(),
      eventsToRedis: eventsToRedis.toJSON(),
      eventsFromRedis: eventsFromRedis.toJSON(),
      eventsMin: Math.min(...perClient),
      eventsMax: Math.max(...perClient),
      freshness: freshness.toJSON(),
      frameLag: frameLag.toJSON(),
      frames: counts.frames,
      telemetryItems: counts.items,
      parsing: screens.filter((s) => s.probe).length,
      held: counts.held,
      missed,
      seconds: (now() - stepStarted) / 1000,
    };
  },

  /** One client that missed events since `since`: time until it has every one up to `until`. */
  async resume(args: { url: string; since: string; until: string }) {
    const started = performance.now();
    let received = 0;
    const socket = connect(args.url, { since: args.since });
    try {
      const ms = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('resume: timed out')), 60_000);
        socket.on('snapshot', () => reject(new Error('resume: got a snapshot, not a replay')));
        socket.on('events', (b) => {
          received += b.events.length;
          const last = b.upTo ?? b.events[b.events.length - 1]?.id;
          if (last && compareStreamIds(last, args.until) >= 0) {
            clearTimeout(timer);
            resolve(performance.now() - started);
          }
        });
      });
      return { ms, received };
    } finally {
      socket.disconnect();
    }
  },

  async close() {
    for (const s of screens) s.socket.disconnect();
    screens.length = 0;
    return {};
  },
});
