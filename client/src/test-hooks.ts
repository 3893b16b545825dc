import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppStore } from './store/create-app-store';
import type { DrawnBoxes } from './map/placement/drawn-boxes';

/** What browser tests reach for: the live store and the map, once the map has loaded. */
export interface TestHooks {
  store: AppStore;
  map: MapLibreMap;
  /** Every label's and symbol's box as drawn now (read from the overlay's layers). */
  drawn: () => DrawnBoxes;
}

declare global {
  interface Window {
    __cc?: TestHooks;
  }
}

export function exposeTestHooks(hooks: TestHooks): void {
  window.__cc = hooks;
}

/**
 * `body[data-map-ready="1"]` once the basemap has loaded and the deck.gl overlay draws its first
 * placed symbols and labels.
 */
export function setMapReady(ready: boolean): void {
  if (ready) document.body.dataset.mapReady = '1';
  else delete document.body.dataset.mapReady;
}
