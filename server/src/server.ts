import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import {
  createKeys,
  loadAgencies,
  loadUsers,
  loadWallConfig,
  type Config,
  type Keys,
  type Logger,
  type Redis,
} from '@cc/shared/node';
import { createAuthenticator, type Authenticator } from './auth/authenticator';
import { createLockoutRecorder } from './auth/lockouts';
import { createSignInLimits } from './auth/sign-in-limits';
import { authenticateSocket, recheckSockets } from './auth/socket';
import { watchFile } from './auth/users-watch';
import { createTokens } from './auth/tokens';
import { createApp } from './http/app';
import { createCommandService } from './commands/service';
import { handleSocketCommands } from './commands/socket';
import { attachRedisAdapter } from './live/adapter';
import { createHub, type Hub, type LiveServer } from './live/hub';
import { readPipelineWithin, watchPipeline } from './live/pipeline-watch';
import { loadRoadNetwork } from './query/roads/load';
import { createHiddenHazardView } from './hiddenhazards/view';
import { createArchivePool } from './replay/archive';
import { createReportSources } from './report/sources';

export type ServerConfig = Pick<
  Config,
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'HOST'
  | 'PORT'
  | 'TELEMETRY_HZ'
  | 'CLIENT_DIST'
  | 'USERS_FILE'
  | 'JWT_SECRET'
  | 'TOKEN_TTL_S'
  | 'DISPLAY_TOKEN_TTL_S'
  | 'COMMAND_TIMEOUT_MS'
  | 'WALL_FILE'
  | 'AGENCIES_FILE'
  | 'BASEMAP'
  | 'BASEMAP_CRS'
  | 'BASEMAP_ATTRIBUTION'
  | 'SIGNIN_FREE_ATTEMPTS'
  | 'SIGNIN_ADDRESS_FREE_ATTEMPTS'
  | 'SIGNIN_MAX_BACKOFF_S'
  | 'TRUST_PROXY'
  | 'ROADS_FILE'
  | 'PHOTOS_DIR'
  | 'PHOTO_MAX_BYTES'
  | 'TIPOFF_PER_ADDRESS_PER_HOUR'
  | 'TIPOFF_PER_HOUR'
  | 'DATABASE_URL'
>;

/**
 * Sign-in as configured: a users file and a signing key, or nobody signs in (read-only). Failed
 * attempts are limited in Redis, each back-off audited and logged.
 */
function createAuth(config: ServerConfig, redis: Redis, keys: Keys, log: Logger): Authenticator {
  const users = config.USERS_FILE ? loadUsers(config.USERS_FILE) : undefined;
  if (users && config.JWT_SECRET.length < 32) {
    throw new Error('JWT_SECRET must be at least 32 characters when USERS_FILE is set');
  }
  return createAuthenticator({
    users,
    tokens: createTokens(config.JWT_SECRET),
    tokenTtlS: config.TOKEN_TTL_S,
    displayTokenTtlS: config.DISPLAY_TOKEN_TTL_S,
    limits: createSignInLimits({
      redis,
      keys,
      accountFreeAttempts: config.SIGNIN_FREE_ATTEMPTS,
      addressFreeAttempts: config.SIGNIN_ADDRESS_FREE_ATTEMPTS,
      maxBackoffS: config.SIGNIN_MAX_BACKOFF_S,
    }),
    onLockout: createLockoutRecorder({ redis, keys, log }),
  });
}

/** express's `trust proxy` from TRUST_PROXY: none, a hop count, or addresses and subnets. */
function trustProxy(value: string): boolean | number | string {
  if (value === '') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Starts the HTTP + Socket.IO server; resolves once it listens. */
export async function startServer(config: ServerConfig, log: Logger) {
  const agencies = config.AGENCIES_FILE
    ? loadAgencies(config.AGENCIES_FILE).accounts.flatMap((a) => (a.role === 'agency' ? [a] : []))
    : undefined;
  const wall = {
    config: loadWallConfig(config.WALL_FILE),
    agencyNames: agencies && new Map(agencies.map((a) => [a.id, a.name])),
    agencyIntervals:
      agencies &&
      new Map(
        agencies.flatMap((a) =>
          a.expectedIntervalSeconds === undefined ? [] : [[a.id, a.expectedIntervalSeconds]],
        ),
      ),
  };
  const roads = loadRoadNetwork(config.ROADS_FILE, log);
  const keys = createKeys(config.REDIS_PREFIX);
  const redis: Redis = createClient({ url: config.REDIS_URL });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();
  const auth = createAuth(config, redis, keys, log);
  const tailRedis = redis.duplicate();
  tailRedis.on('error', (err: Error) =>
    log.warn({ err: err.message }, 'redis tail connection error'),
  );
  await tailRedis.connect();

  // The archive's one read pool, for replay and reports (lazy: the server starts and serves
  // live without it).
  const archive = createArchivePool(config.DATABASE_URL, log);
  const report = createReportSources(archive, log);
  const http = createServer();
  const io: LiveServer = new Server(http, {
    serveClient: false,
    // Compression costs far more memory per socket than it saves on a LAN.
    perMessageDeflate: false,
  });
  io.use(authenticateSocket(auth));
  // Rooms and targeted notices reach sockets on every instance; live batches stay local (hub).
  const adapter = await attachRedisAdapter(io, redis, keys, log);
  // What the ingest workers' liveness records say, for the screens' heartbeat.
  const live: { hub?: Hub } = {};
  const pipeline = watchPipeline({ redis, keys, log, onChange: () => live.hub?.announce() });
  const hiddenHazards = createHiddenHazardView({ redis, keys, log });
  const hub = await createHub({
    io,
    redis,
    tailRedis,
    keys,
    log,
    telemetryHz: config.TELEMETRY_HZ,
    pipeline: pipeline.current,
    onEvents: (events) => hiddenHazards.apply(events),
    streams: auth.required,
  });
  live.hub = hub;
  const commandsRedis: Redis = redis.duplicate();
  commandsRedis.on('error', (err: Error) =>
    log.warn({ err: err.message }, 'redis command results connection error'),
  );
  await commandsRedis.connect();
  const commands = await createCommandService({
    redis,
    subscriberRedis: commandsRedis,
    keys,
    log,
    timeoutMs: config.COMMAND_TIMEOUT_MS,
  });
  io.on('connection', (socket) => handleSocketCommands(socket, commands, log));

  /**
   * Re-reads the users file (on change, or SIGHUP): tokens are checked against it from now on,
   * and sockets whose accounts were removed or changed are signed out. A file that no longer
   * parses is refused and the accounts stay as they were.
   */
  const usersFile = config.USERS_FILE;
  const reloadUsers = (reason: string): boolean => {
    if (!usersFile || !auth.required) return false;
    try {
      const users = loadUsers(usersFile);
      auth.replaceUsers(users);
      const signedOut = recheckSockets(io, auth, log);
      log.info(
        { reason, users: users.users.length, displays: users.displays.length, signedOut },
        'users file reloaded',
      );
      return true;
    } catch (err) {
      log.error({ reason, err: (err as Error).message }, 'users file not reloaded; accounts kept');
      return false;
    }
  };
  const usersWatch = usersFile
    ? watchFile(usersFile, () => reloadUsers('file changed'), log)
    : undefined;
  http.on(
    'request',
    createApp({
      replay: { db: archive, log },
      commands,
      redis,
      keys,
      tailHealthy: hub.healthy,
      pipeline: () => readPipelineWithin(redis, keys, 1_000),
      liveStats: hub.stats,
      auth,
      trustProxy: trustProxy(config.TRUST_PROXY),
      clientDist: config.CLIENT_DIST,
      wall,
      roads,
      basemap: {
        basemap: config.BASEMAP,
        crs: config.BASEMAP_CRS,
        attribution: config.BASEMAP_ATTRIBUTION,
      },
      hiddenHazards: {
        view: hiddenHazards,
        photosDir: config.PHOTOS_DIR,
        photoMaxBytes: config.PHOTO_MAX_BYTES,
        tipOffsPerAddressPerHour: config.TIPOFF_PER_ADDRESS_PER_HOUR,
        tipOffsPerHour: config.TIPOFF_PER_HOUR,
      },
      report,
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
    /** Emits through the adapter reach sockets on every instance. */
    io,
    /** Re-reads the users file now (main.ts calls it on SIGHUP); false when it was refused. */
    reloadUsers,
    close() {
      closing ??= (async () => {
        usersWatch?.close();
        await io.close();
        pipeline.close();
        await hub.close();
        await commands.close();
        await adapter.close();
        await report.close();
        await redis.close();
        await archive.end();
      })();
      return closing;
    },
  };
}
export type RunningServer = Awaited<ReturnType<typeof startServer>>;
