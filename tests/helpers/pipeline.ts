import type { Topics } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { createPipeline, type PipelineOptions } from '../../ingest/src/pipeline';
import { createStoredState } from '../../ingest/src/feeds/stored';
import { quietLog } from './product';

/**
 * Ingest's pipeline on its own, driven batch by batch by a test (no broker): the settings ingest
 * runs with, small stream bounds. `eventsRedis` as ingest passes it: events on a connection of
 * their own.
 */
export function createTestPipeline(options: {
  redis: Redis;
  keys: Keys;
  topics: Topics;
  eventsRedis?: Redis;
  /** Reject notices as ingest would publish them; none by default. */
  notify?: PipelineOptions['notify'];
  rejectsMaxlen?: number;
}) {
  return createPipeline({
    ...(options.eventsRedis ? { eventsRedis: options.eventsRedis } : {}),
    ctx: {
      redis: options.redis,
      keys: options.keys,
      config: {
        MAX_FUTURE_SKEW_S: 60,
        // The docs' examples carry fixed dates: the past bounds' own test sets realistic ones.
        MAX_PAST_TELEMETRY_S: 3_650 * 86_400,
        MAX_PAST_EVENT_S: 3_650 * 86_400,
        MAX_PAST_REGISTRATION_S: 3_650 * 86_400,
        EVENTS_MAXLEN: 10_000,
        TELEMETRY_MAXLEN: 10_000,
        SERIES_MAXLEN: 1_000,
      },
      log: quietLog,
      now: Date.now,
      stored: createStoredState(),
    },
    topics: options.topics,
    maxPayloadBytes: 256 * 1024,
    rejectsMaxlen: options.rejectsMaxlen ?? 1_000,
    notify: options.notify ?? (() => {}),
  });
}
