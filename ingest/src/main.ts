import { createLogger, loadConfig, logMemory, stopOnSignals } from '@cc/shared/node';
import { startIngest } from './ingest';

const config = loadConfig();
const log = createLogger('ingest', config.LOG_LEVEL);

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
