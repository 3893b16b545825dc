import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { HazardState } from '@cc/shared';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { exposeTestHooks, setMapReady } from '../test-hooks';
import { useNow } from '../time/use-now';
import { createBasemapStyle } from './basemap-style';
import { CHANGZHOU_BOUNDS } from './districts';
import { createDistrictLabelsLayer } from './layers/district-labels';
import { createHazardLayers } from './layers/hazards';
import { useHazardLayerData } from './use-hazard-layer-data';

// Bundled with the app (same origin): MapLibre would otherwise look for it next to its own module.
maplibregl.setWorkerUrl(workerUrl);

export interface ViewPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Keeps what the map frames clear of the header (top) and the side panels (right). */
const VIEW_PADDING: ViewPadding = { top: 76, right: 470, bottom: 24, left: 24 };
const FOCUS_ZOOM = 11.5;

interface MapHandles {
  map: maplibregl.Map;
  overlay: MapboxOverlay;
}

/** Creates the map and its deck.gl overlay once; resolves when both are ready to draw. */
function useMapHandles(
  container: RefObject<HTMLDivElement | null>,
  padding: ViewPadding,
): MapHandles | null {
  const store = useAppStoreApi();
  const { t } = useTranslation();
  const [attribution] = useState(() => t('map.attribution'));
  const [handles, setHandles] = useState<MapHandles | null>(null);

  useEffect(() => {
    if (!container.current) return undefined;
    const map = new maplibregl.Map({
      container: container.current,
      style: createBasemapStyle(),
      bounds: CHANGZHOU_BOUNDS,
      fitBoundsOptions: { padding },
      minZoom: 7,
      maxZoom: 17,
      renderWorldCopies: false,
      dragRotate: false,
      pitchWithRotate: false,
      // Bottom right is under the side panels.
      attributionControl: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-left');
    map.addControl(
      new maplibregl.AttributionControl({ compact: false, customAttribution: attribution }),
      'bottom-left',
    );
    let mapLoaded = false;
    let deckLoaded = false;
    const ready = (): void => {
      if (!mapLoaded || !deckLoaded) return;
      exposeTestHooks({ store, map });
      setMapReady(true);
      setHandles({ map, overlay });
    };
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // The deck canvas lets pointer events through to the map, so the map shows the cursor.
      onHover: (info) => {
        map.getCanvasContainer().style.cursor = info.picked ? 'pointer' : '';
      },
      onLoad: () => {
        deckLoaded = true;
        ready();
      },
    });
    map.addControl(overlay);
    map.on('load', () => {
      mapLoaded = true;
      ready();
    });
    map.on('error', (e) => console.error('map:', e.error));
    return () => {
      setMapReady(false);
      setHandles(null);
      map.remove();
    };
    // The padding is read once, when the map is made.
  }, [container, store, attribution]);

  return handles;
}

export interface MapViewProps {
  /** What the map keeps clear of (panels over it). */
  padding?: ViewPadding;
  /** Layers under the hazards (areas) and over them (incidents, resources, highlights). */
  below?: readonly Layer[];
  above?: readonly Layer[];
  /** Told once the map is ready to draw, and null when it goes. */
  onMap?: (map: maplibregl.Map | null) => void;
}

const NO_LAYERS: readonly Layer[] = [];

/** The situation map: offline basemap plus live hazard layers; flies to focused hazards. */
export function MapView({
  padding = VIEW_PADDING,
  below = NO_LAYERS,
  above = NO_LAYERS,
  onMap,
}: MapViewProps): ReactElement {
  const containerRef = useRef<HTMLDivElement>(null);
  const handles = useMapHandles(containerRef, padding);
  const store = useAppStoreApi();
  const { t } = useTranslation();
  const data = useHazardLayerData();
  const selectedId = useAppStore((s) => s.selectedHazardId);
  const blink = Math.floor(useNow() / 1000) % 2 === 0;

  const districtLabels = useMemo(() => createDistrictLabelsLayer(), []);
  const stateLabel = useCallback((state: HazardState) => t(`state.${state}`), [t]);
  const onSelect = useCallback((id: string) => store.getState().selectHazard(id), [store]);
  const layers = useMemo(
    () => [
      districtLabels,
      ...below,
      ...createHazardLayers({ ...data, selectedId, blink, stateLabel, onSelect }),
      ...above,
    ],
    [districtLabels, below, above, data, selectedId, blink, stateLabel, onSelect],
  );

  useEffect(() => {
    if (!onMap) return undefined;
    onMap(handles?.map ?? null);
    return () => onMap(null);
  }, [handles, onMap]);

  useEffect(() => {
    handles?.overlay.setProps({ layers });
  }, [handles, layers]);

  useEffect(() => {
    if (!handles) return undefined;
    return store.subscribe((s, prev) => {
      if (!s.focus || s.focus === prev.focus) return;
      const hazard = s.hazards.get(s.focus.hazardId);
      if (!hazard) return;
      const { map } = handles;
      map.flyTo({
        center: hazard.location,
        zoom: Math.max(map.getZoom(), FOCUS_ZOOM),
        padding,
        duration: 1200,
      });
    });
  }, [handles, store, padding]);

  return <div ref={containerRef} className="map" data-testid="map" />;
}
