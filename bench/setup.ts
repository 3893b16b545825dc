import { pino } from 'pino';
import { loadConfig } from '@cc/shared/node';
import { startEmbeddedBroker } from '../ingest/src/broker/embedded';
import { startIngest } from '../ingest/src/ingest';
import { isolate } from '../tests/helpers/isolation';
import { connectRedis, dropPrefix } from '../tests/helpers/redis';

/** An isolated ingest on the embedded broker, with its own Redis prefix; `stop()` cleans up. */
export async function startBenchIngest(name: string) {
  const iso = isolate(`bench-${name}`);
  const broker = await startEmbeddedBroker(0);
  const url = `mqtt://127.0.0.1:${broker.port}`;
  const config = loadConfig({
    REDIS_PREFIX: iso.prefix,
    MQTT_URL: url,
    MQTT_TOPIC_ROOT: iso.topicRoot,
    INGEST_CLIENT_ID: iso.clientId('ingest'),
    OFFLINE_ALARMS: 'off',
    INGEST_METRICS_PORT: '0',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const ingest = await startIngest(config, pino({ level: 'silent' }));
  await ingest.subscriber.ready;
  const redis = await connectRedis();
  return {
    iso,
    url,
    config,
    redis,
    async stop() {
      await ingest.close();
      await dropPrefix(redis, iso.prefix);
      await redis.close();
      await broker.close();
    },
  };
}
