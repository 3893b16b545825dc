import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfig, logMemory, stopOnSignals } from '@cc/shared/node';
import { startServer } from './server';

const config = loadConfig();
const log = createLogger('server', config.LOG_LEVEL);
const clientDist =
  config.CLIENT_DIST || path.resolve(fileURLToPath(import.meta.url), '../../../client/dist');

try {
  const server = await startServer({ ...config, CLIENT_DIST: clientDist }, log);
  log.info(
    { url: `http://localhost:${server.port}`, prefix: config.REDIS_PREFIX },
    'server listening',
  );
  logMemory(log);
  stopOnSignals(log, () => server.close());
  // The users file may change on disk without a watch noticing (some network file systems).
  process.on('SIGHUP', () => server.reloadUsers('SIGHUP'));
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  log.fatal(
    e.code === 'EADDRINUSE' ? `port ${config.PORT} is already in use: set PORT` : e.message,
  );
  process.exit(1);
}
