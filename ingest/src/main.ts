import { createLogger, loadConfig, logMemory, stopOnSignals } from '@cc/shared/node';
import { startIngest } from './ingest';

const config = loadConfig();
const log = createLogger('ingest', config.LOG_LEVEL);
// No longer a setting: say so rather than let a worker that was in a share group take everything.
if (process.env.MQTT_SHARE_GROUP) {
  log.warn(
    'MQTT_SHARE_GROUP is no longer read: Mosquitto does not keep a shared subscription across a ' +
      'restart. Workers split the agencies with INGEST_PARTITION (docs/scaling.md)',
  );
}

try {
  const ingest = await startIngest(config, log);
  log.info(
    { redis: config.REDIS_URL, mqtt: config.MQTT_URL, prefix: config.REDIS_PREFIX },
    'ingest started',
  );
  logMemory(log);
  stopOnSignals(log, () => ingest.close());
} catch (err) {
  log.fatal(`ingest could not start: ${(err as Error).message}`);
  process.exit(1);
}
