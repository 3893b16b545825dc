import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { createKeys, type Config, type Logger, type Redis } from '@cc/shared/node';
import { createApp } from './http/app';
import { createHub, type LiveServer } from './live/hub';

export type ServerConfig = Pick<
  Config,
  'REDIS_URL' | 'REDIS_PREFIX' | 'HOST' | 'PORT' | 'TELEMETRY_HZ' | 'CLIENT_DIST'
>;

/** Starts the HTTP + Socket.IO server; resolves once it listens. */
export async function startServer(config: ServerConfig, log: Logger) {
  const keys = createKeys(config.REDIS_PREFIX);
  const redis: Redis = createClient({ url: config.REDIS_URL });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();
  const tailRedis = redis.duplicate();
  tailRedis.on('error', (err: Error) =>
    log.warn({ err: err.message }, 'redis tail connection error'),
  );
  await tailRedis.connect();

  const http = createServer();
  const io: LiveServer = new Server(http, {
    serveClient: false,
    // Compression costs far more memory per socket than it saves on a LAN.
    perMessageDeflate: false,
  });
  const hub = await createHub({
    io,
    redis,
    tailRedis,
    keys,
    log,
    telemetryHz: config.TELEMETRY_HZ,
  });
  http.on(
    'request',
    createApp({
      redis,
      keys,
      tailHealthy: hub.healthy,
      clientDist: config.CLIENT_DIST,
      onUnreadable: (key, id, err) =>
        log.error({ key, id, err: (err as Error).message }, 'stored entry unreadable; left out'),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hub,
    close() {
      closing ??= (async () => {
        await io.close();
        await hub.close();
        await redis.close();
      })();
      return closing;
    },
  };
}
export type RunningServer = Awaited<ReturnType<typeof startServer>>;
