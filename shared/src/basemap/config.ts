import { z } from 'zod';

/** Where the server serves the basemap's description and files (same origin as the page). */
export const BASEMAP_PATHS = {
  config: '/basemap/config.json',
  archive: '/basemap/tiles.pmtiles',
} as const;

/**
 * Datum of a deployment's raster tiles. CGCS2000 (Tianditu) and WGS-84 agree to centimetres at
 * map scales; GCJ-02 tiles (many Chinese web maps) sit some hundreds of metres off, so the
 * screens shift their overlays onto them.
 */
export const BasemapCrs = z.enum(['WGS84', 'CGCS2000', 'GCJ02']);
export type BasemapCrs = z.infer<typeof BasemapCrs>;

/** What the screens draw under the live layers, as `GET /basemap/config.json` describes it. */
export const BasemapConfig = z.discriminatedUnion('kind', [
  /** The bundled outlines, water and names: needs nothing. */
  z.strictObject({ kind: z.literal('builtin') }),
  /** A vector PMTiles archive the server serves (range requests), drawn in the product's style. */
  z.strictObject({
    kind: z.literal('pmtiles'),
    url: z.string(),
    attribution: z.string(),
  }),
  /** Raster tiles from a template (XYZ, or WMTS in KVP/REST form with {z}/{x}/{y}). */
  z.strictObject({
    kind: z.literal('raster'),
    tiles: z.array(z.string()).min(1),
    crs: BasemapCrs,
    attribution: z.string(),
  }),
]);
export type BasemapConfig = z.infer<typeof BasemapConfig>;

/** How the `BASEMAP` setting is read: empty, a `.pmtiles` file, or a tile URL template. */
export type BasemapSource =
  { kind: 'builtin' } | { kind: 'pmtiles'; file: string } | { kind: 'raster'; template: string };

/**
 * Reads the `BASEMAP` setting: empty for the bundled basemap; a path ending in `.pmtiles` for a
 * vector archive on disk; a URL template with `{z}`, `{x}` and `{y}` (http, https, or a path on
 * the product's own origin) for raster tiles. Anything else is an error naming the setting.
 */
export function parseBasemapSource(value: string): BasemapSource {
  const v = value.trim();
  if (v === '') return { kind: 'builtin' };
  if (/\.pmtiles$/i.test(v)) return { kind: 'pmtiles', file: v };
  if (/\{z\}/.test(v) && /\{x\}/.test(v) && /\{y\}/.test(v)) {
    if (!/^(https?:\/\/|\/)/i.test(v))
      throw new Error(`BASEMAP: a tile template starts with http://, https:// or /: ${v}`);
    return { kind: 'raster', template: v };
  }
  throw new Error(
    `BASEMAP: expected a .pmtiles file or a tile URL template with {z}, {x} and {y}, got ${v}`,
  );
}
