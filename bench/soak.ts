import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createKeys } from '@cc/shared/node';
import { sensorEntity } from './scenario';
import { allPids, memoryOf, runStep, type Rig, type StepResult } from './steps';

export interface SoakResult {
  rate: number;
  minutes: number;
  /** Seconds since the start → MiB per process. */
  samples: { at: number; rss: Record<string, number>; redisUsedMiB: number }[];
  /** Per process: resident memory after the warm-up minute, at the end, and the largest seen. */
  growth: Record<string, { afterWarmup: number; end: number; max: number; growth: number }>;
  step: StepResult;
  /** What Redis holds at the end by design: history points, stream entries (bounded by settings). */
  retained: { seriesPoints: number; telemetryEntries: number; events: number };
}

/**
 * The live heap (after a full collection) ingest and the server log every minute (`logMemory`),
 * from `from` (epoch ms) on: RSS also moves with the young generation's size, this does not.
 */
function liveHeaps(dir: string, from: number): SoakResult['growth'] {
  const out: SoakResult['growth'] = {};
  for (const name of ['ingest', 'server']) {
    let text = '';
    try {
      text = readFileSync(path.join(dir, `${name}.log`), 'utf8');
    } catch {
      continue;
    }
    const live: number[] = [];
    for (const line of text.split('\n')) {
      if (!line.includes('"msg":"memory"')) continue;
      const entry = JSON.parse(line) as { time: number; liveMiB: number | null };
      if (entry.time >= from && entry.liveMiB !== null) live.push(entry.liveMiB);
    }
    if (live.length < 2) continue;
    const afterWarmup = live[0]!;
    const end = live[live.length - 1]!;
    const growth = Math.round(end - afterWarmup);
    out[`${name} live heap`] = { afterWarmup, end, max: Math.max(...live), growth };
  }
  return out;
}

async function redisUsedMiB(rig: Rig): Promise<number> {
  const info = await rig.stack.redis.info('memory');
  return Math.round(Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1048576);
}

/**
 * A steady high rate for `minutes`, memory of every process sampled every 10 s. Growth is read
 * from the end of the first minute (caches, JIT and stream trimming settle in it) to the end.
 */
export async function soak(rig: Rig, rate: number, minutes: number, perMessage: number) {
  const samples: SoakResult['samples'] = [];
  const started = performance.now();
  const startedAt = Date.now();
  const sample = async () =>
    samples.push({
      at: Math.round((performance.now() - started) / 1000),
      rss: memoryOf(allPids(rig)),
      redisUsedMiB: await redisUsedMiB(rig),
    });
  await sample();
  const timer = setInterval(() => void sample(), 10_000);
  let step: StepResult;
  try {
    step = await runStep(rig, `soak ${minutes} min`, {
      rate,
      seconds: minutes * 60,
      qos: 0,
      perMessage,
      eventsPerSecond: 20,
    });
  } finally {
    clearInterval(timer);
  }
  await sample();
  const warm = samples.find((s) => s.at >= 60) ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  const growth: SoakResult['growth'] = {};
  for (const name of Object.keys(last.rss)) {
    const max = Math.max(...samples.map((s) => s.rss[name] ?? 0));
    const afterWarmup = warm.rss[name] ?? 0;
    const end = last.rss[name] ?? 0;
    growth[name] = { afterWarmup, end, max, growth: end - afterWarmup };
  }
  const { redis, prefix } = rig.stack;
  const keys = createKeys(prefix);
  const series = await Promise.all(
    Array.from({ length: rig.sensors }, (_, n) => redis.lLen(keys.series(sensorEntity(n)))),
  );
  const retained = {
    seriesPoints: series.reduce((a, b) => a + b, 0),
    telemetryEntries: await redis.xLen(`${prefix}telemetry`),
    events: await redis.xLen(`${prefix}events`),
  };
  growth['redis used_memory'] = {
    afterWarmup: warm.redisUsedMiB,
    end: last.redisUsedMiB,
    max: Math.max(...samples.map((s) => s.redisUsedMiB)),
    growth: last.redisUsedMiB - warm.redisUsedMiB,
  };
  Object.assign(growth, liveHeaps(rig.stack.dir, startedAt + 60_000));
  return { rate, minutes, samples, growth, step, retained } satisfies SoakResult;
}
