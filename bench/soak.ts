import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createKeys } from '@cc/shared/node';
import { sensorEntity } from './scenario';
import { allPids, memoryOf, runStep, type Rig, type StepResult } from './steps';

export interface SoakGrowth {
  afterWarmup: number;
  end: number;
  /** Largest and smallest after the warm-up minute (older results: `max` over the whole soak). */
  max: number;
  min?: number;
  /** max − min after the warm-up minute: what the soak's target judges. */
  spread?: number;
  /** end − afterWarmup. */
  growth: number;
}

/** Range of figures after warm-up: a peak in the middle counts even when the end is low. */
function range(afterWarmup: number, end: number, values: number[]): SoakGrowth {
  const max = Math.max(...values);
  const min = Math.min(...values);
  return { afterWarmup, end, max, min, spread: max - min, growth: end - afterWarmup };
}

export interface SoakResult {
  rate: number;
  minutes: number;
  /** Seconds since the start → MiB per process. */
  samples: { at: number; rss: Record<string, number>; redisUsedMiB: number }[];
  /** Per process: resident memory after the warm-up minute, its range from then on, at the end. */
  growth: Record<string, SoakGrowth>;
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
    const g = range(live[0]!, live[live.length - 1]!, live);
    const round = (v: number) => Math.round(v * 10) / 10;
    out[`${name} live heap`] = {
      ...g,
      spread: round(g.spread!),
      growth: round(g.growth),
    };
  }
  return out;
}

async function redisUsedMiB(rig: Rig): Promise<number> {
  const info = await rig.stack.redis.info('memory');
  return Math.round(Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1048576);
}

/**
 * A steady high rate for `minutes`, memory of every process sampled every 10 s. Judged from the
 * end of the first minute (caches, JIT and stream trimming settle in it): the spread of every
 * sample from then on (max − min), and the end against the first minute beside it.
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
  const afterWarm = samples.filter((s) => s.at >= warm.at);
  const growth: SoakResult['growth'] = {};
  for (const name of Object.keys(last.rss)) {
    growth[name] = range(
      warm.rss[name] ?? 0,
      last.rss[name] ?? 0,
      afterWarm.map((s) => s.rss[name] ?? 0),
    );
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
  growth['redis used_memory'] = range(
    warm.redisUsedMiB,
    last.redisUsedMiB,
    afterWarm.map((s) => s.redisUsedMiB),
  );
  Object.assign(growth, liveHeaps(rig.stack.dir, startedAt + 60_000));
  return { rate, minutes, samples, growth, step, retained } satisfies SoakResult;
}
