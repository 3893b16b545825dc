import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { API, canSeeStreams, type PipelineStatus } from '@cc/shared';
import { parseWallConfig, type Keys, type Redis } from '@cc/shared/node';
import { readSnapshot, type OnUnreadable } from '../live/snapshot';
import { snapshotWithoutStreams } from '../live/streams';
import { createFeedsRouter } from './feeds';
import { createCamerasRouter } from './cameras';
import { createRejectsRouter } from './rejects';
import { createEntitiesRouter } from './entities';
import { createSensorHistoryRouter } from './history';
import { createMetricsRouter, type LiveStats } from './metrics';
import { readiness } from './readiness';
import { readArchive } from '../query/archive';
import { createNearestRouter } from './nearest';
import { createSupportRouter } from './support';
import { createSheltersRouter } from './shelters';
import { createSchemasRouter } from './schemas';
import { createAuditRouter } from './audit';
import { createWallRouter, type WallRouteOptions } from './wall';
import { createBasemapRouter, type BasemapOptions } from './basemap';
import { apiErrors } from './errors';
import type { RoadNetwork } from '../query/roads/network';
import { createCommandsRouter } from '../commands/router';
import type { CommandService } from '../commands/service';
import type { Authenticator } from '../auth/authenticator';
import { loginRouter } from '../auth/login';
import { allow, authenticate } from '../auth/middleware';
import { createHiddenHazardRouter } from '../hiddenhazards/router';
import { createTipOffRouter } from '../hiddenhazards/tip-offs';
import { createEnterpriseRouter } from '../hiddenhazards/enterprise';
import type { HiddenHazardView } from '../hiddenhazards/view';
import { createReplayRouter } from '../replay/router';
import type pg from 'pg';
import type { Logger } from '@cc/shared/node';
import { createReportRouter } from '../report/router';
import { createReviewRouter } from '../review/router';
import type { ReportSourcesHandle } from '../report/sources';
import { createDisasterRouter } from '../disaster/router';

/** How long /readyz waits for Redis before calling it unreachable. */
const REDIS_WAIT_MS = 1_000;

export interface AppOptions {
  redis: Redis;
  keys: Keys;
  /** True while the stream tail keeps reading. */
  tailHealthy: () => boolean;
  /** Told about stored entries that no longer parse (they are left out of the snapshot). */
  onUnreadable?: OnUnreadable;
  /** Sign-in and token checks. */
  auth: Authenticator;
  /** express's `trust proxy`: whose X-Forwarded-For gives the client's address (sign-in limits). */
  trustProxy?: boolean | number | string | undefined;
  /** Directory of the built client; served with an SPA fallback when it exists. */
  clientDist?: string | undefined;
  /** Commanders' commands (`POST /api/v1/commands`); absent = no command endpoint. */
  commands?: CommandService | undefined;
  /**
   * What the ingest workers' liveness records say, read now (undefined: Redis did not answer),
   * for /readyz and /metrics; absent = not watched (always fine).
   */
  pipeline?: (() => Promise<PipelineStatus | undefined>) | undefined;
  /** The live hub's counters, for /metrics. */
  liveStats?: (() => LiveStats) | undefined;
  /** The wall's configuration and agency names (`GET /api/v1/wall`); absent = the defaults. */
  wall?: Pick<WallRouteOptions, 'config' | 'agencyNames' | 'agencyIntervals'> | undefined;
  /** The road network travel times follow; absent = straight-line estimates. */
  roads?: RoadNetwork | undefined;
  /** What the screens draw under the live layers; absent = the bundled basemap. */
  basemap?: BasemapOptions | undefined;
  /** The hidden-hazard ledger, its photos and the tip-off limits; absent = no such endpoints. */
  hiddenHazards?:
    | {
        view: HiddenHazardView;
        photosDir: string;
        photoMaxBytes: number;
        tipOffsPerAddressPerHour: number;
        tipOffsPerHour: number;
      }
    | undefined;
  /** The archive (PostgreSQL) replay reads; absent = no replay endpoints. */
  replay?: { db: pg.Pool; log: Logger } | undefined;
  /** The incident reports' archive and PDF printer; absent = no report endpoints. */
  report?: ReportSourcesHandle | undefined;
}

export function createApp(options: AppOptions): Express {
  const { redis, keys } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);

  app.get(API.healthz, (_req, res) => {
    res.json({ status: 'ok' });
  });

  const pipeline = async (): Promise<PipelineStatus | undefined> =>
    options.pipeline ? options.pipeline() : { ok: true, workersUp: 0, workers: [], problems: [] };

  // Ready when this server can serve a current picture: Redis answers, its tail reads, and
  // every ingest worker reports with a broker session (else nothing new is being stored).
  app.get(API.readyz, async (_req, res) => {
    const [redisOk, status, archive] = await Promise.all([
      Promise.race([
        redis.ping().then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((r) => setTimeout(() => r(false), REDIS_WAIT_MS).unref()),
      ]),
      pipeline(),
      readArchive(redis, keys, REDIS_WAIT_MS),
    ]);
    const body = readiness({
      redis: redisOk,
      streamTail: options.tailHealthy(),
      pipeline: status,
      archive,
    });
    res.status(body.status === 'ready' ? 200 : 503).json(body);
  });

  // Public, like /healthz: Prometheus scrapes without a token.
  app.use(createMetricsRouter({ redis, keys, liveStats: options.liveStats, pipeline }));

  // Public, like the page: the basemap's description and files.
  app.use(createBasemapRouter(options.basemap ?? { basemap: '', crs: 'WGS84', attribution: '' }));

  // Public: the feed contract's schemas, and signing in.
  app.use(createSchemasRouter());
  app.use(loginRouter(options.auth));
  // Public too: a hotline system sends tip-offs without an account (rate-limited).
  const hh = options.hiddenHazards;
  if (hh && options.commands) {
    app.use(
      createTipOffRouter({
        redis,
        keys,
        commands: options.commands,
        perAddressPerHour: hh.tipOffsPerAddressPerHour,
        perHour: hh.tipOffsPerHour,
      }),
    );
  }
  // Everything else under /api needs an identity.
  app.use('/api', authenticate(options.auth));
  app.use(createEntitiesRouter({ redis, keys }));
  app.use(createSensorHistoryRouter({ redis, keys }));
  app.use(createNearestRouter({ redis, keys, roads: options.roads }));
  app.use(createSupportRouter({ redis, keys, roads: options.roads }));
  app.use(createSheltersRouter({ redis, keys }));
  if (hh) app.use(createHiddenHazardRouter(hh));
  if (hh) app.use(createEnterpriseRouter({ redis, keys, view: hh.view }));
  if (options.replay) app.use(createReplayRouter(options.replay));
  if (options.report) app.use(createReportRouter({ redis, keys, ...options.report }));
  if (options.report)
    app.use(
      createReviewRouter({ redis, keys, pool: options.report.pool, wall: options.wall?.config }),
    );
  if (hh && options.commands) {
    const auth = options.auth;
    app.use(
      createDisasterRouter({
        redis,
        keys,
        commands: options.commands,
        reporterAreas: () => auth.reporterAreas(),
        photosDir: hh.photosDir,
        photoMaxBytes: hh.photoMaxBytes,
        onUnreadable: (id, err) => options.onUnreadable?.(keys.state('disasterreport'), id, err),
      }),
    );
  }

  app.get(API.snapshot, allow('read:picture'), async (req, res, next) => {
    try {
      const snapshot = await readSnapshot(redis, keys, options.onUnreadable);
      res.json(canSeeStreams(req.identity) ? snapshot : snapshotWithoutStreams(snapshot));
    } catch (err) {
      next(err);
    }
  });

  app.use(createFeedsRouter({ redis, keys }));
  app.use(createCamerasRouter({ redis, keys }));
  app.use(createRejectsRouter({ redis, keys }));
  app.use(createAuditRouter({ redis, keys }));
  app.use(
    createWallRouter({
      redis,
      keys,
      config: options.wall?.config ?? parseWallConfig({}),
      agencyNames: options.wall?.agencyNames,
      agencyIntervals: options.wall?.agencyIntervals,
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

  app.use(apiErrors());
  return app;
}
