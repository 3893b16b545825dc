import { createClient } from 'redis';
import { createTopics } from '@cc/shared';
import {
  agencyIds,
  createKeys,
  loadAgencies,
  type Config,
  type Logger,
  type Redis,
} from '@cc/shared/node';
import { createPipeline } from './pipeline';
import { startSubscriber } from './mqtt/subscriber';
import { startSweepers } from './sweepers/start';
import { createFeedHealth } from './health/feed-health';

export type IngestConfig = Pick<
  Config,
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'MQTT_URL'
  | 'MQTT_USERNAME'
  | 'MQTT_PASSWORD'
  | 'AGENCIES_FILE'
  | 'MQTT_PROTOCOL_VERSION'
  | 'MQTT_TOPIC_ROOT'
  | 'MQTT_SHARE_GROUP'
  | 'INGEST_CLIENT_ID'
  | 'MAX_PAYLOAD_BYTES'
  | 'MAX_FUTURE_SKEW_S'
  | 'EVENTS_MAXLEN'
  | 'TELEMETRY_MAXLEN'
  | 'REJECTS_MAXLEN'
  | 'SERIES_MAXLEN'
  | 'SWEEP_INTERVAL_MS'
  | 'OFFLINE_ALARMS'
>;

/** Connects Redis and the broker and starts applying feed messages. */
export async function startIngest(config: IngestConfig, log: Logger) {
  const keys = createKeys(config.REDIS_PREFIX);
  const topics = createTopics(config.MQTT_TOPIC_ROOT);
  // Read before connecting anything: a bad agencies file stops ingest at once.
  const agencies = config.AGENCIES_FILE ? agencyIds(loadAgencies(config.AGENCIES_FILE)) : undefined;
  const redis: Redis = createClient({ url: config.REDIS_URL });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();

  const health = createFeedHealth({ redis, keys, log });
  const ctx = { redis, keys, config, log, now: Date.now };
  const pipeline = createPipeline({
    ctx,
    topics,
    maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
    rejectsMaxlen: config.REJECTS_MAXLEN,
    agencies,
    notify: (topic, notice) => subscriber.publish(topic, JSON.stringify(notice)),
    observe: health.observe,
  });
  const subscriber = startSubscriber({
    url: config.MQTT_URL,
    clientId: config.INGEST_CLIENT_ID,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
    protocolVersion: config.MQTT_PROTOCOL_VERSION,
    filters: topics.ingestFilters(),
    shareGroup: config.MQTT_SHARE_GROUP,
    log,
    onMessage: async (topic, payload) => {
      await pipeline.handle(topic, payload);
    },
  });

  const sweepers = startSweepers(ctx, {
    intervalMs: config.SWEEP_INTERVAL_MS,
    liveness: config.OFFLINE_ALARMS === 'on',
  });

  let closing: Promise<void> | undefined;
  return {
    subscriber,
    /** Stops taking messages; what was not acknowledged stays with the broker. Idempotent. */
    close() {
      closing ??= (async () => {
        await subscriber.close();
        await sweepers.close();
        await health.close();
        await redis.close();
      })();
      return closing;
    },
  };
}
export type RunningIngest = Awaited<ReturnType<typeof startIngest>>;
