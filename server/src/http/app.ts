import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { API } from '@cc/shared';
import { parseWallConfig, type Keys, type Redis } from '@cc/shared/node';
import { readSnapshot, type OnUnreadable } from '../live/snapshot';
import { createFeedsRouter } from './feeds';
import { createRejectsRouter } from './rejects';
import { createEntitiesRouter } from './entities';
import { createSensorHistoryRouter } from './history';
import { createMetricsRouter, type LiveStats } from './metrics';
import { createNearestRouter } from './nearest';
import { createSupportRouter } from './support';
import { createSchemasRouter } from './schemas';
import { createAuditRouter } from './audit';
import { createWallRouter, type WallRouteOptions } from './wall';
import { createBasemapRouter, type BasemapOptions } from './basemap';
import { createCommandsRouter } from '../commands/router';
import type { CommandService } from '../commands/service';
import type { Authenticator } from '../auth/authenticator';
import { loginRouter } from '../auth/login';
import { allow, authenticate } from '../auth/middleware';

export interface AppOptions {
  redis: Redis;
  keys: Keys;
  /** True while the stream tail keeps reading. */
  tailHealthy: () => boolean;
  /** Told about stored entries that no longer parse (they are left out of the snapshot). */
  onUnreadable?: OnUnreadable;
  /** Sign-in and token checks. */
  auth: Authenticator;
  /** Directory of the built client; served with an SPA fallback when it exists. */
  clientDist?: string | undefined;
  /** Commanders' commands (`POST /api/v1/commands`); absent = no command endpoint. */
  commands?: CommandService | undefined;
  /** The live hub's counters, for /metrics. */
  liveStats?: (() => LiveStats) | undefined;
  /** The wall's configuration and agency names (`GET /api/v1/wall`); absent = the defaults. */
  wall?: Pick<WallRouteOptions, 'config' | 'agencyNames'> | undefined;
  /** What the screens draw under the live layers; absent = the bundled basemap. */
  basemap?: BasemapOptions | undefined;
}

export function createApp(options: AppOptions): Express {
  const { redis, keys } = options;
  const app = express();
  app.disable('x-powered-by');

  app.get(API.healthz, (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get(API.readyz, async (_req, res) => {
    const redisOk = await Promise.race([
      redis.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1_000)),
    ]);
    const tailOk = options.tailHealthy();
    res.status(redisOk && tailOk ? 200 : 503).json({
      status: redisOk && tailOk ? 'ready' : 'not ready',
      checks: { redis: redisOk, streamTail: tailOk },
    });
  });

  // Public, like /healthz: Prometheus scrapes without a token.
  app.use(createMetricsRouter({ redis, keys, liveStats: options.liveStats }));

  // Public, like the page: the basemap's description and files.
  app.use(createBasemapRouter(options.basemap ?? { basemap: '', crs: 'WGS84', attribution: '' }));

  // Public: the feed contract's schemas, and signing in.
  app.use(createSchemasRouter());
  app.use(loginRouter(options.auth));
  // Everything else under /api needs an identity.
  app.use('/api', authenticate(options.auth));
  app.use(createEntitiesRouter({ redis, keys }));
  app.use(createSensorHistoryRouter({ redis, keys }));
  app.use(createNearestRouter({ redis, keys }));
  app.use(createSupportRouter({ redis, keys }));

  app.get(API.snapshot, allow('read:picture'), async (_req, res, next) => {
    try {
      res.json(await readSnapshot(redis, keys, options.onUnreadable));
    } catch (err) {
      next(err);
    }
  });

  app.use(createFeedsRouter({ redis, keys }));
  app.use(createRejectsRouter({ redis, keys }));
  app.use(createAuditRouter({ redis, keys }));
  app.use(
    createWallRouter({
      redis,
      keys,
      config: options.wall?.config ?? parseWallConfig({}),
      agencyNames: options.wall?.agencyNames,
    }),
  );
  if (options.commands) app.use(createCommandsRouter(options.commands));

  app.use('/api', (_req, res) => {
    res.status(404).json({ code: 'api.not_found', message: 'no such endpoint' });
  });

  const dist = options.clientDist;
  if (dist && existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    // Client routes (/wall, /command, ...) all load the same page.
    app.get('/{*path}', (_req, res) => {
      res.sendFile(path.join(dist, 'index.html'));
    });
  }

  app.use(
    (err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const unavailable = /ECONNREFUSED|closed|offline/i.test(err.message);
      res.status(unavailable ? 503 : 500).json({
        code: unavailable ? 'server.unavailable' : 'server.error',
        message: unavailable ? 'Redis is unavailable' : 'internal error',
      });
    },
  );
  return app;
}
