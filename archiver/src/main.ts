import { createLogger, loadConfig, logMemory, stopOnSignals } from '@cc/shared/node';
import { startArchiver } from './archiver';

const config = loadConfig();
const log = createLogger('archiver', config.LOG_LEVEL);

/** The database URL without its password, for the log. */
function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

try {
  const archiver = await startArchiver({
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    databaseUrl: config.DATABASE_URL,
    consumer: config.ARCHIVER_CONSUMER,
    sampleMs: config.ARCHIVE_SAMPLE_S * 1000,
    snapshotMs: config.ARCHIVE_SNAPSHOT_S * 1000,
    log,
  });
  log.info(
    { redis: config.REDIS_URL, database: shown(config.DATABASE_URL), prefix: config.REDIS_PREFIX },
    'archiver started',
  );
  logMemory(log);
  stopOnSignals(log, () => archiver.close());
} catch (err) {
  log.fatal(`archiver could not start: ${(err as Error).message}`);
  process.exit(1);
}
