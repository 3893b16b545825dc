import { Router } from 'express';
import { API } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { formatPrometheus, productMetrics } from '../query/prometheus';

export const METRICS_PATH = API.metrics;

/** What the live hub counts (see `Hub.stats`). */
export interface LiveStats {
  eventsTotal: number;
  telemetryTotal: number;
  clientsByRole: Record<string, number>;
  /** Stream entries the tail left out because they do not parse. */
  unreadable?: { events: number; telemetry: number };
}

/** `GET /metrics`: Prometheus text format, public like /healthz. */
export function createMetricsRouter(options: {
  redis: Redis;
  keys: Keys;
  liveStats?: (() => LiveStats) | undefined;
  now?: () => number;
}): Router {
  const { redis, keys } = options;
  const router = Router();
  router.get(METRICS_PATH, async (_req, res, next) => {
    try {
      const [eventsLength, last, rejectsTotal] = await Promise.all([
        redis.xLen(keys.events),
        redis.xRevRange(keys.events, '+', '-', { COUNT: 1 }),
        redis.xLen(keys.rejects),
      ]);
      const live = options.liveStats?.() ?? {
        eventsTotal: 0,
        telemetryTotal: 0,
        clientsByRole: {},
      };
      const text = formatPrometheus(
        productMetrics({
          ...live,
          eventsLength,
          lastEventId: last?.[0]?.id,
          rejectsTotal,
          now: (options.now ?? Date.now)(),
        }),
      );
      res.type('text/plain; version=0.0.4; charset=utf-8').send(text);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
