import { Router } from 'express';
import { API, type PipelineStatus } from '@cc/shared';
import {
  METRICS_CONTENT_TYPE,
  metricsText,
  processMetrics,
  type Keys,
  type Redis,
} from '@cc/shared/node';
import { createProductMetrics, type MetricsInput } from '../query/prometheus';
import { readArchive } from '../query/archive';

export const METRICS_PATH = API.metrics;

/** What the live hub counts (see `Hub.stats`). */
export interface LiveStats {
  eventsTotal: number;
  telemetryTotal: number;
  clientsByRole: Record<string, number>;
  /** Stream entries the tail left out because they do not parse. */
  unreadable?: { events: number; telemetry: number };
}

/** How long a scrape waits for Redis before reporting its gauges as unknown. */
const REDIS_WAIT_MS = 1_000;

/** The stream figures /metrics reads from Redis, or undefined when Redis does not answer. */
async function readStreams(redis: Redis, keys: Keys): Promise<MetricsInput['stream']> {
  const read = Promise.all([
    redis.xLen(keys.events),
    redis.xRevRange(keys.events, '+', '-', { COUNT: 1 }),
    redis.xLen(keys.rejects),
  ]).then(
    ([eventsLength, last, rejectsTotal]) => ({
      eventsLength,
      lastEventId: last?.[0]?.id,
      rejectsTotal,
    }),
    () => undefined,
  );
  const timeout = new Promise<undefined>((r) =>
    setTimeout(() => r(undefined), REDIS_WAIT_MS).unref(),
  );
  return Promise.race([read, timeout]);
}

/**
 * `GET /metrics`: Prometheus text format, public like /healthz: the product's metrics and the
 * process's own (prom-client's defaults). Served without Redis too: its gauges then read NaN.
 */
export function createMetricsRouter(options: {
  redis: Redis;
  keys: Keys;
  liveStats?: (() => LiveStats) | undefined;
  /** What the ingest workers' liveness records say, read now. */
  pipeline?: (() => Promise<PipelineStatus | undefined>) | undefined;
  now?: () => number;
}): Router {
  const { redis, keys } = options;
  const product = createProductMetrics();
  const router = Router();
  router.get(METRICS_PATH, async (_req, res, next) => {
    try {
      const live = options.liveStats?.() ?? {
        eventsTotal: 0,
        telemetryTotal: 0,
        clientsByRole: {},
      };
      const [stream, pipeline, archive] = await Promise.all([
        readStreams(redis, keys),
        options.pipeline?.(),
        readArchive(redis, keys, REDIS_WAIT_MS),
      ]);
      product.update({ ...live, stream, pipeline, archive, now: (options.now ?? Date.now)() });
      res.type(METRICS_CONTENT_TYPE).send(await metricsText(product.registry, processMetrics()));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
