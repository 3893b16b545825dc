import { createLogger, loadConfig } from '@cc/shared/node';
import { startIngest } from './ingest';

const config = loadConfig();
const log = createLogger('ingest', config.LOG_LEVEL);

try {
  const ingest = await startIngest(config, log);
  log.info(
    { redis: config.REDIS_URL, mqtt: config.MQTT_URL, prefix: config.REDIS_PREFIX },
    'ingest started',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'ingest stopping');
    await ingest.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  log.fatal(`ingest could not start: ${(err as Error).message}`);
  process.exit(1);
}
