import { performance } from 'node:perf_hooks';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { Sensor } from '@cc/shared';
import { createKeys, createLogger, type Redis } from '@cc/shared/node';
import { createClient } from 'redis';
import { createStoredState } from '../ingest/src/feeds/stored';
import { createLivenessSweep } from '../ingest/src/sweepers/liveness';
import type { FeedContext } from '../ingest/src/feeds/context';

/**
 * The liveness sweep on its own: `n` sensors of 20 agencies, all reporting, swept `passes` times
 * under a key prefix of its own. It prints the time of a pass and the longest the event loop was
 * held up meanwhile: an event arriving during a sweep waits that long.
 *   tsx bench/sweep.ts [sensors=8000] [passes=30]
 */
const n = Number(process.argv[2] ?? 8_000);
const passes = Number(process.argv[3] ?? 30);
const prefix = `bench-sweep-${randomUUID().slice(0, 8)}:`;
const keys = createKeys(prefix);
const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }) as Redis;
await redis.connect();

const now = Date.now();
const sensors: Record<string, string> = {};
const seen: Record<string, string> = {};
const registered: Record<string, string> = {};
for (let i = 0; i < n; i++) {
  const agency = `ent${i % 20}`;
  const sensor: Sensor = {
    id: `${agency}:s${i}`,
    hazardId: `${agency}:h${i}`,
    metric: 'level',
    unit: '%',
    thresholds: { high: 85, highHigh: 95 },
    interval: 10,
  };
  sensors[sensor.id] = JSON.stringify(sensor);
  seen[sensor.id] = String(now);
  registered[sensor.hazardId] = String(now - 60_000);
}
await redis.hSet(keys.state('sensor'), sensors);
await redis.hSet(keys.obs('reading'), seen);
await redis.hSet(keys.obs('hazard'), registered);

const ctx: FeedContext = {
  redis,
  keys,
  config: {
    MAX_FUTURE_SKEW_S: 60,
    MAX_PAST_TELEMETRY_S: 7 * 86_400,
    MAX_PAST_EVENT_S: 30 * 86_400,
    MAX_PAST_REGISTRATION_S: 3_650 * 86_400,
    EVENTS_MAXLEN: 100_000,
    TELEMETRY_MAXLEN: 100_000,
    SERIES_MAXLEN: 1_000,
  },
  log: createLogger('bench-sweep', 'silent'),
  now: Date.now,
  stored: createStoredState(),
};

const sweepLiveness = createLivenessSweep(ctx);
const times: number[] = [];
const blocked: number[] = [];
for (let i = 0; i < passes; i++) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const t0 = performance.now();
  await sweepLiveness();
  times.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 20));
  delay.disable();
  blocked.push(delay.max / 1e6);
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p = (xs: number[], q: number) =>
  sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (x: number) => x.toFixed(1);
const [firstTime, ...steadyTimes] = times;
const [firstBlocked, ...steadyBlocked] = blocked;
console.log(
  `liveness sweep, ${n.toLocaleString('en')} sensors, all reporting: first pass (reads every sensor) ` +
    `${fmt(firstTime!)} ms, event loop held ${fmt(firstBlocked!)} ms; then per pass p50 ` +
    `${fmt(p(steadyTimes, 0.5))} ms, max ${fmt(Math.max(...steadyTimes))} ms; event loop held p50 ` +
    `${fmt(p(steadyBlocked, 0.5))} ms, max ${fmt(Math.max(...steadyBlocked))} ms`,
);
for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
await redis.close();
