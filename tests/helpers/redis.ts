import { createClient } from 'redis';
import type { Reading, TelemetryEntry } from '@cc/shared';
import { telemetryOf, type Redis } from '@cc/shared/node';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function connectRedis(): Promise<Redis> {
  const redis: Redis = createClient({ url: REDIS_URL });
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}

/** Deletes every key under the prefix: a test leaves nothing behind. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.del(keys);
  }
}

/** Every entry of a stream the product writes (JSON in field `e`), oldest first. */
export async function readStream<T>(redis: Redis, key: string): Promise<T[]> {
  return ((await redis.xRange(key, '-', '+')) ?? []).map((m) => JSON.parse(m.message.e!) as T);
}

/** Every reading and position in the telemetry stream (entries of a write's worth), oldest first. */
export async function readTelemetry(redis: Redis, key: string): Promise<TelemetryEntry[]> {
  return ((await redis.xRange(key, '-', '+')) ?? []).flatMap((m) => telemetryOf(m.message));
}

/** The readings in the telemetry stream, oldest first. */
export async function readTelemetryReadings(redis: Redis, key: string): Promise<Reading[]> {
  return (await readTelemetry(redis, key)).flatMap((e) => ('reading' in e ? [e.reading] : []));
}

/**
 * A client whose script calls (EVAL: ingest's batched writes) the test can hold: `hold()`
 * returns `reached`, resolved once a call waits, and `open`, which lets every held call go on,
 * in the order they came. Everything else goes straight to `redis`. It stands for the moment
 * between a batch's evaluation and its write reaching Redis, where another writer may act.
 */
export function holdableScripts(redis: Redis) {
  let held: Promise<void> | undefined;
  let reach: () => void = () => {};
  const client = new Proxy(redis, {
    get(target, prop) {
      if (prop === 'eval') {
        return async (...args: Parameters<Redis['eval']>) => {
          if (held) {
            reach();
            await held;
          }
          return target.eval(...args);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      // node-redis methods use private fields: they must run on the client itself.
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return {
    client,
    hold() {
      let open: () => void = () => {};
      held = new Promise<void>((resolve) => (open = resolve));
      const reached = new Promise<void>((resolve) => (reach = resolve));
      return {
        reached,
        open: () => {
          held = undefined;
          open();
        },
      };
    },
  };
}
