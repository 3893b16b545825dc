import {
  INGEST_REPORT_MS,
  INGEST_REPORT_TTL_MS,
  type BrokerCounters,
  type IngestReport,
} from '@cc/shared';
import type { Keys, Logger, Redis } from '@cc/shared/node';

export interface LivenessOptions {
  redis: Redis;
  keys: Keys;
  log: Logger;
  /** The worker's id: its MQTT client id. */
  worker: string;
  broker: () => IngestReport['broker'];
  counters: () => BrokerCounters | undefined;
  intervalMs?: number;
  ttlMs?: number;
  now?: () => number;
}

/**
 * Writes the worker's liveness record every `intervalMs` from a timer on its event loop, with an
 * expiry of `ttlMs`: a worker killed, frozen (SIGSTOP, a blocked loop) or cut off from Redis
 * stops writing, and its record expires. The servers read it for `/readyz`, `/metrics` and the
 * screens. The same report goes to the list of workers (`ingestWorkers`), which outlives it and
 * names the worker that went silent.
 */
export function startLivenessRecord(options: LivenessOptions) {
  const { redis, keys, log, worker } = options;
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? INGEST_REPORT_TTL_MS;
  const startedAt = now();
  let writing = false;

  const report = (stopped = false): IngestReport => {
    const counters = options.counters();
    return {
      worker,
      at: now(),
      startedAt,
      ...(stopped ? { stopped } : {}),
      broker: options.broker(),
      ...(counters ? { counters } : {}),
    };
  };

  async function write(): Promise<void> {
    // One write at a time: with Redis hanging, writes would pile up behind each other.
    if (writing) return;
    writing = true;
    try {
      const json = JSON.stringify(report());
      await redis
        .multi()
        .hSet(keys.ingestWorkers, worker, json)
        .set(keys.ingestAlive(worker), json, { PX: ttlMs })
        .exec();
    } catch (err) {
      // Redis is down: the record expires, which is what the servers should see.
      log.debug({ err: (err as Error).message }, 'liveness record not written');
    } finally {
      writing = false;
    }
  }

  void write();
  const timer = setInterval(() => void write(), options.intervalMs ?? INGEST_REPORT_MS);
  let closing: Promise<void> | undefined;
  return {
    /** Says the worker stopped on purpose (it is down, not lost). Idempotent. */
    close(): Promise<void> {
      closing ??= (async () => {
        clearInterval(timer);
        try {
          await redis
            .multi()
            .hSet(keys.ingestWorkers, worker, JSON.stringify(report(true)))
            .del(keys.ingestAlive(worker))
            .exec();
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'could not record that ingest stopped');
        }
      })();
      return closing;
    },
  };
}
