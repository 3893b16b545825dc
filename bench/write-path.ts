import { spawnSync } from 'node:child_process';
import {
  PerformanceObserver,
  constants,
  performance,
  type PerformanceEntry,
} from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { createTopics } from '@cc/shared';
import { createKeys, createLogger, type Redis } from '@cc/shared/node';
import { createClient } from 'redis';
import { INGEST_NODE_FLAGS } from '../ingest/src/node-flags';
import { createPipeline, type Inbound } from '../ingest/src/pipeline';
import { createStoredState } from '../ingest/src/feeds/stored';
import { telemetryStored } from './steps';
import { startRiskAssessor } from '../ingest/src/risk/assessor';
import { startSweepers } from '../ingest/src/sweepers/start';
import { startSweeper } from '../ingest/src/sweepers/loop';
import { sweepReportClocks } from '../ingest/src/sweepers/reports';
import { sweepOverdue } from '../ingest/src/sweepers/overdue';
import type { FeedContext } from '../ingest/src/feeds/context';
import { hazardMessage, readingMessage, sensorOf, SENSORS_PER_HAZARD } from './scenario';

/**
 * Ingest's write path on its own: the pipeline (decode, validate, evaluate, encode, commit) fed
 * batches of reading messages as the subscriber hands them over (two batches in flight), with
 * no broker, no screens and no generator competing for the CPU. It prints the CPU ingest and
 * Redis spend per reading — the figures that bound throughput once the machine is full — and
 * the rate this one process reaches. Under a key prefix of its own, removed after.
 *   tsx bench/write-path.ts [sensors=8000] [passes=10] [messagesPerBatch=600] [risk=on|off]
 *                           [readingsPerMessage=50] [sweeps=off|on]
 * `risk`: ingest's risk assessor (RISK_ASSESSMENT) running beside the pipeline, as it does by
 * default; every bench sensor is a tank level, so every reading moves a hazard's live grade.
 * `readingsPerMessage`: 1 is the shape of the throughput goals (one entity per MQTT message).
 * `sweeps`: ingest's once-a-second sweeps (watch flags, protective zones, warning expiry,
 * liveness, report clocks, overdue hidden hazards) run beside it too, as in ingest; their cost
 * with no reading arriving is printed first (CPU ms per second, over 5 s of idling).
 * Redis is REDIS_URL (the machine's shared one by default): its CPU figure counts every client
 * of that Redis, so run it on a quiet machine. It runs under ingest's V8 flags (INGEST_NODE_FLAGS),
 * starting itself again with them when needed, and prints the time spent in scavenges too.
 */
if (!INGEST_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  const again = spawnSync(
    process.execPath,
    [...INGEST_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(again.status ?? 1);
}
const sensors = Number(process.argv[2] ?? 8_000);
const passes = Number(process.argv[3] ?? 10);
const perBatch = Number(process.argv[4] ?? 600);
const risk = (process.argv[5] ?? 'on') === 'on';
const PER_MESSAGE = Number(process.argv[6] ?? 50);
const sweeps = (process.argv[7] ?? 'off') === 'on';
const prefix = `bench-write-${randomUUID().slice(0, 8)}:`;
const root = `bench-write-${randomUUID().slice(0, 8)}`;
const keys = createKeys(prefix);
const topics = createTopics(root);
const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }) as Redis;
await redis.connect();

const ctx: FeedContext = {
  redis,
  keys,
  config: {
    MAX_FUTURE_SKEW_S: 60,
    MAX_PAST_TELEMETRY_S: 7 * 86_400,
    MAX_PAST_EVENT_S: 30 * 86_400,
    MAX_PAST_REGISTRATION_S: 3_650 * 86_400,
    EVENTS_MAXLEN: 100_000,
    TELEMETRY_MAXLEN: 200_000,
    SERIES_MAXLEN: 1_000,
  },
  log: createLogger('bench-write', 'silent'),
  now: Date.now,
  stored: createStoredState(),
};
// On its own connection, as ingest runs it (on the events' one).
const riskRedis = redis.duplicate();
if (risk) await riskRedis.connect();
const assessor = risk ? startRiskAssessor({ ...ctx, redis: riskRedis }) : undefined;
if (assessor) ctx.risk = assessor;
const pipeline = createPipeline({
  ctx,
  topics,
  maxPayloadBytes: 1024 * 1024,
  rejectsMaxlen: 1_000,
  notify: () => {},
});

const message = (agency: string, kind: 'hazard' | 'sensor', body: unknown): Inbound => ({
  topic: topics.feed(agency, kind),
  payload: Buffer.from(JSON.stringify(body)),
});

// Every hazard, then one reading of every sensor: the worker knows every sensor from then on.
const start = Date.now() - 3_600_000;
const hazards = Math.ceil(sensors / SENSORS_PER_HAZARD);
for (let h = 0; h < hazards; h += 200) {
  const batch: Inbound[] = [];
  for (let k = h; k < Math.min(hazards, h + 200); k++) {
    const { agency } = sensorOf(k * SENSORS_PER_HAZARD);
    batch.push(message(agency, 'hazard', hazardMessage(k, new Date(start).toISOString())));
  }
  await pipeline.handleBatch(batch);
}

/** One pass: every sensor one reading, 50 readings of one agency per message. */
function pass(p: number): Inbound[] {
  const byAgency = new Map<string, object[]>();
  const ts = new Date(start + (p + 1) * 1_000).toISOString();
  for (let n = 0; n < sensors; n++) {
    const { agency } = sensorOf(n);
    const list = byAgency.get(agency) ?? [];
    list.push(readingMessage(n, p, ts));
    byAgency.set(agency, list);
  }
  const out: Inbound[] = [];
  for (const [agency, items] of byAgency) {
    for (let i = 0; i < items.length; i += PER_MESSAGE) {
      out.push(message(agency, 'sensor', items.slice(i, i + PER_MESSAGE)));
    }
  }
  return out;
}

/** The batches as the subscriber runs them: the next reads once this one is sent. */
async function run(messages: Inbound[]) {
  let previous = { sent: Promise.resolve(), stored: Promise.resolve() };
  for (let i = 0; i < messages.length; i += perBatch) {
    let markSent: () => void = () => {};
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const stored = pipeline
      .handleBatch(messages.slice(i, i + perBatch), {
        readAfter: previous.sent,
        writeAfter: previous.stored,
        sent: markSent,
      })
      .then(() => {});
    void stored.then(markSent);
    previous = { sent, stored };
    await sent;
  }
  await previous.stored;
}

const redisCpu = async () => {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
};

await run(pass(0));
/** Ingest's sweeps, at ingest's default intervals (SWEEP_INTERVAL_MS, HH_SWEEP_INTERVAL_MS). */
const background = sweeps
  ? [
      startSweepers(ctx, { intervalMs: 1_000, liveness: true }),
      startSweeper({
        name: 'report-clocks',
        intervalMs: 1_000,
        log: ctx.log,
        run: async () =>
          void (await sweepReportClocks(ctx, {
            firstMs: 1_800_000,
            writtenMs: 3_600_000,
            followupMs: 3_600_000,
          })),
      }),
      startSweeper({
        name: 'hidden-hazard-overdue',
        intervalMs: 5_000,
        log: ctx.log,
        run: async () => void (await sweepOverdue(ctx)),
      }),
    ]
  : [];
let idle = '';
if (sweeps || risk) {
  // What runs with no reading arriving: the assessor's full passes and the sweeps.
  const idle0 = process.cpuUsage();
  const idleT0 = performance.now();
  await new Promise((r) => setTimeout(r, 5_000));
  const used = process.cpuUsage(idle0);
  idle = `; idle ${((used.user + used.system) / (performance.now() - idleT0)).toFixed(1)} ms CPU per s`;
}
const messages = Array.from({ length: passes }, (_, p) => pass(p + 1)).flat();
const readings = passes * sensors;
let scavengeMs = 0;
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
    if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavengeMs += e.duration;
  }
});
gc.observe({ entryTypes: ['gc'] });
const cpu0 = process.cpuUsage();
const redis0 = await redisCpu();
const t0 = performance.now();
await run(messages);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
gc.disconnect();
const redisUs = (await redisCpu()) - redis0;
const stored = await telemetryStored(redis, prefix);

const f = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 1 });
const regraded = risk ? await redis.xLen(keys.events) : 0;
await assessor?.close();
await Promise.all(background.map((b) => b.close()));
if (risk) await riskRedis.close();
console.log(
  `write path (risk assessment ${risk ? 'on' : 'off'}, sweeps ${sweeps ? 'on' : 'off'}), ${f(sensors)} sensors × ${passes} passes, ${perBatch} messages of ${PER_MESSAGE} per batch${idle}: ` +
    `${f(readings / seconds)} readings/s; CPU per reading: ingest ${f((cpu.user + cpu.system) / readings)} µs, ` +
    `Redis ${f(redisUs / readings)} µs; scavenges ${f((scavengeMs * 1000) / readings)} µs ` +
    `(${f(stored)} readings stored${risk ? `; ${f(regraded)} events incl. regradings` : ''})`,
);

for await (const found of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
  if (found.length > 0) await redis.del(found);
}
await redis.close();
