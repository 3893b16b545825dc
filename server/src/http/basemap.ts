import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { BASEMAP_PATHS, parseBasemapSource, type BasemapConfig, type BasemapCrs } from '@cc/shared';

export interface BasemapOptions {
  /** The `BASEMAP` setting: empty, a `.pmtiles` file, or a tile URL template. */
  basemap: string;
  crs: BasemapCrs;
  attribution: string;
}

/** Throws unless the file is a PMTiles version 3 archive (its first bytes say so). */
function checkArchive(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new Error(`BASEMAP: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    if (head.subarray(0, 7).toString('latin1') !== 'PMTiles' || head[7] !== 3)
      throw new Error(`BASEMAP: ${file} is not a PMTiles version 3 archive`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The basemap, served from the product's own origin: `GET /basemap/config.json` tells the
 * screens what to draw; with a PMTiles archive, `GET /basemap/tiles.pmtiles` serves the file
 * with range requests (the screens read the directory and each tile as byte ranges). Public,
 * like the page itself: a map is not secret, and MapLibre fetches tiles without a token.
 * Throws at start-up when the setting is wrong or the archive unreadable.
 */
export function createBasemapRouter(options: BasemapOptions): Router {
  const source = parseBasemapSource(options.basemap);
  const router = Router();
  let config: BasemapConfig;
  if (source.kind === 'pmtiles') {
    const file = path.resolve(source.file);
    checkArchive(file);
    config = { kind: 'pmtiles', url: BASEMAP_PATHS.archive, attribution: options.attribution };
    router.get(BASEMAP_PATHS.archive, (_req, res, next) => {
      // `send` answers Range with 206 and the bytes asked for, HEAD and conditional requests too.
      res.sendFile(file, { acceptRanges: true, maxAge: '1h' }, (err) => {
        if (err && !res.headersSent) next(err);
      });
    });
  } else if (source.kind === 'raster') {
    config = {
      kind: 'raster',
      tiles: [source.template],
      crs: options.crs,
      attribution: options.attribution,
    };
  } else {
    config = { kind: 'builtin' };
  }
  router.get(BASEMAP_PATHS.config, (_req, res) => {
    res.set('cache-control', 'no-cache').json(config);
  });
  return router;
}
