import { createAdapter } from '@socket.io/redis-adapter';
import type { Keys, Logger, Redis } from '@cc/shared/node';
import type { LiveServer } from './hub';

/**
 * The client as the adapter sees it, with a handler on every promise it returns: the adapter
 * fires publish / (un)subscribe and forgets them, so during a Redis outage each would be an
 * unhandled rejection, which ends the process. Callers that await still get the rejection.
 */
function observed(client: Redis, log: Logger): Redis {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          result.catch((err: unknown) =>
            log.warn(
              { err: (err as Error).message, call: String(prop) },
              'redis adapter call failed',
            ),
          );
        }
        return result;
      };
    },
  });
}

/**
 * Lets several server instances act as one Socket.IO server: rooms, targeted notices and
 * `fetchSockets()` cross instances over Redis pub/sub. Live event batches and telemetry frames
 * must not take this path (each instance tails Redis itself); the hub sends them with
 * `io.local`, or every client would get each batch once per instance.
 *
 * The classic adapter does not support Socket.IO's connection-state recovery; resume does not
 * need it (the events stream is the client's cursor).
 */
export async function attachRedisAdapter(io: LiveServer, redis: Redis, keys: Keys, log: Logger) {
  // Subscribing takes a connection over, so the adapter gets two of its own.
  const pub = redis.duplicate();
  const sub = pub.duplicate();
  for (const [name, client] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    client.on('error', (err: Error) =>
      log.warn({ err: err.message, client: name }, 'redis adapter connection error'),
    );
  }
  await Promise.all([pub.connect(), sub.connect()]);
  // Channels under the tenant's prefix, so tests and tenants sharing a Redis never hear each other.
  io.adapter(
    createAdapter(observed(pub, log), observed(sub, log), { key: `${keys.prefix}socket.io` }),
  );

  let closing: Promise<void> | undefined;
  return {
    /** Closes both connections; call after `io.close()`, which unsubscribes. Idempotent. */
    close() {
      // A connection still reconnecting after an outage would make close() wait for it.
      closing ??= Promise.all([sub, pub].map((c) => (c.isReady ? c.close() : c.destroy()))).then(
        () => undefined,
      );
      return closing;
    },
  };
}
export type RedisAdapter = Awaited<ReturnType<typeof attachRedisAdapter>>;
