import { createClient } from 'redis';
import { createTopics } from '@cc/shared';
import { createKeys, type Config, type Logger, type Redis } from '@cc/shared/node';
import { createPipeline } from './pipeline';
import { startSubscriber } from './mqtt/subscriber';

export type IngestConfig = Pick<
  Config,
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'MQTT_URL'
  | 'MQTT_USERNAME'
  | 'MQTT_PASSWORD'
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
>;

/** Connects Redis and the broker and starts applying feed messages. */
export async function startIngest(config: IngestConfig, log: Logger) {
  const keys = createKeys(config.REDIS_PREFIX);
  const topics = createTopics(config.MQTT_TOPIC_ROOT);
  const redis: Redis = createClient({ url: config.REDIS_URL });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();

  const pipeline = createPipeline({
    ctx: { redis, keys, config, log, now: Date.now },
    topics,
    maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
    rejectsMaxlen: config.REJECTS_MAXLEN,
    notify: (topic, notice) => subscriber.publish(topic, JSON.stringify(notice)),
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

  let closing: Promise<void> | undefined;
  return {
    subscriber,
    /** Stops taking messages; what was not acknowledged stays with the broker. Idempotent. */
    close() {
      closing ??= (async () => {
        await subscriber.close();
        await redis.close();
      })();
      return closing;
    },
  };
}
export type RunningIngest = Awaited<ReturnType<typeof startIngest>>;
