import { BASEMAP_PATHS, BasemapConfig } from '@cc/shared';
import { frameFor, setMapFrame } from './frame';

const BUILTIN: BasemapConfig = { kind: 'builtin' };

let pending: Promise<BasemapConfig> | null = null;

/**
 * The deployment's basemap as the server describes it (fetched once per page, from the page's
 * own origin); the bundled basemap when the server says nothing usable.
 */
export function loadBasemapConfig(): Promise<BasemapConfig> {
  pending ??= fetch(BASEMAP_PATHS.config, { cache: 'no-cache' })
    .then(async (res) => (res.ok ? BasemapConfig.parse(await res.json()) : BUILTIN))
    .catch((err: unknown) => {
      console.error('basemap: using the bundled one:', err);
      return BUILTIN;
    })
    .then((config) => {
      setMapFrame(frameFor(config));
      return config;
    });
  return pending;
}
