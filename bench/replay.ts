import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  Alarm,
  Hazard,
  Incident,
  ORIGIN_EVENT_ID,
  Resource,
  type LiveEvent,
  type Snapshot,
} from '@cc/shared';
import { applySnapshot, initialLiveData } from '@cc/shared/live/reducers';
import { createLogger } from '@cc/shared/node';
import { migrate } from '../archiver/src/db';
import { eventRow, type TelemetryRow } from '../archiver/src/rows';
import { insertEvents, insertSnapshot, insertTelemetry } from '../archiver/src/write';
import { buildReplay, replaySpan } from '../server/src/replay/build';
import { checkpointAt, eventsAfter, latestTelemetry } from '../server/src/replay/archive';

/**
 * Replay of one hour of a busy picture, to the first frame: the archive is filled with an hour as
 * the archiver would have written it — H hazards with two sensors each, R units, incidents coming
 * and going, E events a second (units moving on, alarms raised and cleared, incidents changing),
 * each sensor's and unit's sample every 10 s, a checkpoint every 10 minutes — then a replay is
 * asked for at moments across the hour. The first frame is what a screen needs to draw: the
 * picture at the moment (`GET /api/v1/replay/snapshot`: checkpoint + events + telemetry) and the
 * first span to play (`/replay/events`, 60 s), serialized as the server sends them, and applied
 * with the client's reducer. Goal: < 2 s at the worst moment (just before a checkpoint).
 *   tsx bench/replay.ts [hazards=500] [units=400] [eventsPerSecond=10]
 * DATABASE_URL (default the tests' database) names the server; the bench works in a schema of its
 * own and removes it.
 */
const HAZARDS = Number(process.argv[2] ?? 500);
const UNITS = Number(process.argv[3] ?? 400);
const EVENTS_PER_S = Number(process.argv[4] ?? 10);
const HOUR = 3_600_000;
const CHECKPOINT_MS = 600_000;
const SAMPLE_MS = 10_000;
const tag = `bench_replay_${Math.random().toString(16).slice(2, 10)}`;
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = createLogger('bench-replay', 'warn');

const url = new URL(baseUrl);
url.searchParams.set('options', `-c search_path=${tag}`);
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${tag}`);
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });

// A deterministic random.
let seed = 42;
const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const near = (): [number, number] => [119.5 + rnd() * 0.9, 31.3 + rnd() * 0.8];

const t0 = Math.floor((Date.now() - HOUR - 120_000) / CHECKPOINT_MS) * CHECKPOINT_MS;

// The picture at t0.
const hazards = new Map<string, Hazard>();
for (let i = 0; i < HAZARDS; i++) {
  const id = `ent-${i % 40}:hz${i}`;
  hazards.set(
    id,
    Hazard.parse({
      id,
      agency: `ent-${i % 40}`,
      ts: t0,
      name: `储罐区 ${i}`,
      enterprise: `常州化工 ${i % 40} 有限公司`,
      grade: 1 + (i % 4),
      chemicals: [{ name: '液氯', cas: '7782-50-5', tonnes: 120 }],
      location: near(),
      sensors: ['lt1', 'gas1'].map((s) => ({
        id: `${id}-${s}`,
        hazardId: id,
        metric: s === 'lt1' ? 'level' : 'toxic_ppm',
        unit: s === 'lt1' ? '%' : 'ppm',
        thresholds: { high: 85, highHigh: 95, deadband: 2 },
        interval: 5,
      })),
    }),
  );
}
const sensors = [...hazards.values()].flatMap((h) => h.sensors.map((s) => ({ h, s })));
const units = new Map<string, Resource>();
const STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'returning'] as const;
for (let i = 0; i < UNITS; i++) {
  const id = `fire:u${i}`;
  units.set(
    id,
    Resource.parse({
      id,
      agency: 'fire',
      ts: t0,
      type: 'fire_engine',
      name: `消防车 ${i}`,
      status: 'available',
      location: near(),
      members: 6,
    }),
  );
}
const incidents = new Map<string, Incident>();
const alarms = new Map<string, Alarm>();
let incidentNo = 0;
function newIncident(ts: number): Incident {
  const id = `cc:i${incidentNo++}`;
  return Incident.parse({
    id,
    agency: 'cc',
    ts,
    type: 'fire',
    category: 'accident_disaster',
    level: pick(['II', 'III', 'IV']),
    status: 'reported',
    title: `测试事件 ${id}`,
    address: '常州市新北区测试路 1 号',
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    location: near(),
  });
}
for (let i = 0; i < 60; i++) {
  const inc = newIncident(t0);
  incidents.set(inc.id, inc);
}

function snapshotAt(at: number, eventId: string): Snapshot {
  return {
    eventId,
    at,
    hazards: [...hazards.values()],
    readings: [],
    alarms: [...alarms.values()],
    incidents: [...incidents.values()],
    resources: [...units.values()],
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
    duties: [],
    reports: [],
    stocks: [],
  };
}

/** One event of the busy hour, at `ts`: the picture changes as it says. */
function nextEvent(ts: number): LiveEvent {
  const r = rnd();
  if (r < 0.4) {
    const u = units.get(`fire:u${Math.floor(rnd() * UNITS)}`)!;
    const next = { ...u, ts, status: pick(STATUSES) };
    units.set(u.id, next);
    return { kind: 'resource', op: 'upsert', data: next };
  }
  if (r < 0.7) {
    const { h, s } = pick(sensors);
    const id = `${s.id}@alarm`;
    const open = alarms.get(id);
    if (open) {
      alarms.delete(id);
      return {
        kind: 'alarm',
        op: 'upsert',
        data: { ...open, status: 'cleared', clearedAt: ts, updatedAt: ts },
      };
    }
    const alarm = Alarm.parse({
      id,
      agency: h.agency,
      sensorId: s.id,
      hazardId: h.id,
      metric: s.metric,
      unit: s.unit,
      status: 'active',
      level: 'HH',
      peak: 'HH',
      raisedAt: ts,
      raisedValue: 97,
      lastValue: 97,
      updatedAt: ts,
    });
    alarms.set(id, alarm);
    return { kind: 'alarm', op: 'upsert', data: alarm };
  }
  if (incidents.size < 30 || (r >= 0.9 && r < 0.95)) {
    const inc = newIncident(ts);
    incidents.set(inc.id, inc);
    return { kind: 'incident', op: 'upsert', data: inc };
  }
  if (r < 0.9 || incidents.size > 200) {
    const inc = pick([...incidents.values()]);
    const next = {
      ...inc,
      ts,
      status: pick(['verified', 'responding'] as const),
      casualties: { dead: 0, injured: Math.floor(rnd() * 5), missing: 0, trapped: 0 },
    };
    incidents.set(inc.id, next);
    return { kind: 'incident', op: 'upsert', data: next };
  }
  const inc = pick([...incidents.values()]);
  incidents.delete(inc.id);
  return { kind: 'incident', op: 'remove', entityId: inc.id };
}

await migrate(pool, log);
const began = performance.now();
let lastId = ORIGIN_EVENT_ID;
let events = 0;
let telemetryRows = 0;
/** Events stored after each checkpoint: the moment just before the next one is the worst. */
const stepMs = 1_000 / EVENTS_PER_S;
for (let block = 0; block < HOUR / CHECKPOINT_MS; block++) {
  const from = t0 + block * CHECKPOINT_MS;
  const checkpoint = snapshotAt(from, lastId);
  await insertSnapshot(pool, checkpoint);
  const rows = [];
  for (let ts = from + stepMs; ts < from + CHECKPOINT_MS; ts += stepMs) {
    const ms = Math.floor(ts);
    const id = `${ms}-0`;
    rows.push(eventRow({ id, message: { e: JSON.stringify(nextEvent(ms)) } }).row);
    lastId = id;
  }
  for (let i = 0; i < rows.length; i += 2_000) await insertEvents(pool, rows.slice(i, i + 2_000));
  events += rows.length;
  // Telemetry: each sensor's and unit's sample every 10 s.
  for (let ts = from; ts < from + CHECKPOINT_MS; ts += SAMPLE_MS) {
    const batch: TelemetryRow[] = [];
    for (const { s } of sensors) {
      const at = ts + Math.floor(rnd() * SAMPLE_MS);
      batch.push({
        kind: 'reading',
        entityId: s.id,
        at,
        bucket: Math.floor(at / SAMPLE_MS),
        sampled: true,
        alarm: false,
        value: 40 + rnd() * 40,
        level: 'normal',
        alarmId: null,
        lng: null,
        lat: null,
        heading: null,
        speed: null,
      });
    }
    for (const u of units.values()) {
      const at = ts + Math.floor(rnd() * SAMPLE_MS);
      const [lng, lat] = near();
      batch.push({
        kind: 'position',
        entityId: u.id,
        at,
        bucket: Math.floor(at / SAMPLE_MS),
        sampled: true,
        alarm: false,
        value: null,
        level: null,
        alarmId: null,
        lng,
        lat,
        heading: 90,
        speed: 40,
      });
    }
    telemetryRows += await insertTelemetry(pool, batch);
  }
}
await pool.query('ANALYZE');
const fillS = (performance.now() - began) / 1000;

/** The first frame at `at`: the picture, the first 60 s to play, as sent and as applied. */
async function firstFrame(at: number) {
  const start = performance.now();
  const picture = await buildReplay(pool, at);
  const span = await replaySpan(pool, at, at + 60_000, 5_000);
  const body = JSON.stringify(picture) + JSON.stringify(span);
  const serverMs = performance.now() - start;
  applySnapshot(initialLiveData(), JSON.parse(JSON.stringify(picture.snapshot)) as Snapshot, 0);
  return {
    ms: performance.now() - start,
    serverMs,
    events: picture.eventsApplied,
    bytes: body.length,
    incidents: picture.snapshot.incidents.length,
    alarms: picture.snapshot.alarms.length,
    readings: picture.snapshot.readings.length,
  };
}

const moments = [
  ['start of the hour', t0 + 1_000],
  ['mid-hour, just after a checkpoint', t0 + 3 * CHECKPOINT_MS + 1_000],
  ['just before a checkpoint (worst)', t0 + 3 * CHECKPOINT_MS - 100],
  ['end of the hour (worst)', t0 + HOUR - 100],
] as const;
// One warm-up, as a running server has.
await firstFrame(t0 + 30_000);
/** Where the time of building the picture at `at` goes. */
async function parts(at: number) {
  const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const s = performance.now();
    const v = await f();
    return [v, Math.round(performance.now() - s)];
  };
  const [cp, checkpointMs] = await time(() => checkpointAt(pool, at));
  const [, eventsMs] = await time(() =>
    eventsAfter(pool, cp?.snapshot.eventId ?? ORIGIN_EVENT_ID, at, 100_000),
  );
  const [, telemetryMs] = await time(() => latestTelemetry(pool, (cp?.takenAt ?? at) - 60_000, at));
  return { checkpointMs, eventsMs, telemetryMs };
}
const results = [];
for (const [name, at] of moments) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await firstFrame(at));
  runs.sort((a, b) => a.ms - b.ms);
  results.push({ moment: name, ...runs[1]!, worstMs: runs[2]!.ms });
}

console.log(
  JSON.stringify(
    {
      bench: 'replay',
      hazards: HAZARDS,
      sensors: sensors.length,
      units: UNITS,
      eventsPerSecond: EVENTS_PER_S,
      events,
      telemetryRows,
      checkpoints: HOUR / CHECKPOINT_MS,
      fillSeconds: Number(fillS.toFixed(1)),
      loadavg: loadavg().map((l) => Number(l.toFixed(2))),
      firstFrame: results.map((r) => ({
        ...r,
        ms: Math.round(r.ms),
        serverMs: Math.round(r.serverMs),
        worstMs: Math.round(r.worstMs),
      })),
      worstParts: await parts(t0 + 3 * CHECKPOINT_MS - 100),
      goalMs: 2_000,
      met: results.every((r) => r.ms < 2_000),
    },
    null,
    2,
  ),
);
await pool.end();
await admin.query(`DROP SCHEMA ${tag} CASCADE`);
await admin.end();
