import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AppStore } from './store/create-app-store';

/** What browser tests reach for: the live store and the map, once the map has loaded. */
export interface TestHooks {
  store: AppStore;
  map: MapLibreMap;
}

declare global {
  interface Window {
    __cc?: TestHooks;
  }
}

export function exposeTestHooks(hooks: TestHooks): void {
  window.__cc = hooks;
}

/** `body[data-map-ready="1"]` once the basemap has loaded and the deck.gl overlay is drawing. */
export function setMapReady(ready: boolean): void {
  if (ready) document.body.dataset.mapReady = '1';
  else delete document.body.dataset.mapReady;
}
