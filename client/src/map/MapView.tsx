import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { BasemapConfig, HazardState } from '@cc/shared';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { exposeTestHooks, setMapReady } from '../test-hooks';
import { useNow } from '../time/use-now';
import { loadBasemapConfig } from './basemap-config';
import { basemapScene } from './basemap-scene';
import { createBasemapStyle } from './basemap-style';
import { CHANGZHOU_BOUNDS } from './districts';
import { mapFrame } from './frame';
import { createHazardHaloLayer, hazardScene } from './layers/hazards';
import { createLabelLayers, createSymbolLayers } from './layers/placed';
import { drawnBoxes } from './placement/drawn-boxes';
import {
  mergeScenes,
  EMPTY_SCENE,
  type DrawnScene,
  type LngLat,
  type Scene,
} from './placement/scene';
import { usePlacement, type PlacementView } from './placement/use-placement';
import { useHazardLayerData } from './use-hazard-layer-data';
import { useShelterScene } from './use-shelter-scene';
import { useVectorNames } from './use-vector-names';
import { NO_HIDDEN_LAYERS, visibleLayers, visibleScene, type LegendLayer } from './legend-layers';

// Bundled with the app (same origin): MapLibre would otherwise look for it next to its own module.
maplibregl.setWorkerUrl(workerUrl);
// A deployment's vector archive is read by byte ranges from the product's own origin.
maplibregl.addProtocol('pmtiles', new Protocol().tile);

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

/** The basemap's configuration, once the server has said it (null until then). */
function useBasemapConfig(): BasemapConfig | null {
  const [config, setConfig] = useState<BasemapConfig | null>(null);
  useEffect(() => {
    let live = true;
    void loadBasemapConfig().then((c) => {
      if (live) setConfig(c);
    });
    return () => {
      live = false;
    };
  }, []);
  return config;
}

/** Creates the map and its deck.gl overlay once; resolves when both are ready to draw. */
function useMapHandles(
  container: RefObject<HTMLDivElement | null>,
  padding: ViewPadding,
  config: BasemapConfig | null,
  zoomButtons: boolean,
): MapHandles | null {
  const store = useAppStoreApi();
  const { t } = useTranslation();
  // Read once: a language change must not make a new map.
  const [credits] = useState(() => ({
    districts: t('map.attribution'),
    water: t('map.waterAttribution'),
  }));
  const [handles, setHandles] = useState<MapHandles | null>(null);

  useEffect(() => {
    if (!container.current || !config) return undefined;
    const frame = mapFrame();
    const attribution =
      config.kind === 'builtin'
        ? `${credits.districts} · ${credits.water}`
        : [config.attribution, credits.districts].filter((c) => c !== '').join(' · ');
    const map = new maplibregl.Map({
      container: container.current,
      style: createBasemapStyle(config, frame.shifted ? frame.toMap : null),
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
    if (zoomButtons)
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-left');
    map.addControl(
      new maplibregl.AttributionControl({ compact: false, customAttribution: attribution }),
      'bottom-left',
    );
    let mapLoaded = false;
    let deckLoaded = false;
    const ready = (): void => {
      if (!mapLoaded || !deckLoaded) return;
      setHandles({ map, overlay });
    };
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // The deck canvas lets pointer events through to the map, so the map shows the cursor.
      onHover: (info) => {
        const pickable = Boolean(
          (info.object as { symbol?: { pick?: unknown } } | null)?.symbol?.pick,
        );
        map.getCanvasContainer().style.cursor = pickable ? 'pointer' : '';
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
  }, [container, store, credits, config, zoomButtons]);

  return handles;
}

/** The shift of everything drawn onto a GCJ-02 basemap, at the view's centre (else none). */
function useFrameShift(map: maplibregl.Map | null): LngLat {
  const [shift, setShift] = useState<LngLat>([0, 0]);
  useEffect(() => {
    const frame = mapFrame();
    if (!map || !frame.shifted) return undefined;
    const update = () => {
      const c = map.getCenter();
      const next = frame.shiftAt(frame.fromMap([c.lng, c.lat]));
      setShift((prev) =>
        Math.abs(prev[0] - next[0]) + Math.abs(prev[1] - next[1]) < 1e-7 ? prev : next,
      );
    };
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map]);
  return shift;
}

export interface MapViewProps {
  /** What the map keeps clear of (panels over it). */
  padding?: ViewPadding;
  /** Screen scale (screen height / 1080): symbols and labels grow with the wall. */
  scale?: number;
  /** Layers under every symbol (areas, trails). */
  below?: readonly Layer[];
  /** The screen's symbols and labels (incidents, units, places, area names), placed together. */
  scene?: Scene;
  /** Rings and marks that follow placed symbols (pulses, focus, picked units), under labels. */
  decorate?: (drawn: DrawnScene) => readonly Layer[];
  /** Told once the map is ready to draw, and null when it goes. */
  onMap?: (map: maplibregl.Map | null) => void;
  /** The smallest text on the map, CSS pixels (the wall's legibility rule; 0: none). */
  minLabelPx?: number;
  /** Zoom buttons (for screens people touch; not on the read-only wall). */
  zoomButtons?: boolean;
  /** Layers the viewer has hidden from the legend (Legend.tsx). */
  hiddenLayers?: ReadonlySet<LegendLayer>;
}

const NO_LAYERS: readonly Layer[] = [];
const NO_DECORATIONS = (): readonly Layer[] => NO_LAYERS;

/**
 * The situation map: the basemap (bundled, or the deployment's own), the screen's layers, the
 * live hazards and the emergency shelters, every symbol and label placed in one collision space;
 * flies to focused hazards.
 */
export function MapView({
  padding = VIEW_PADDING,
  scale = 1,
  below = NO_LAYERS,
  scene = EMPTY_SCENE,
  decorate = NO_DECORATIONS,
  onMap,
  minLabelPx = 0,
  zoomButtons = true,
  hiddenLayers = NO_HIDDEN_LAYERS,
}: MapViewProps): ReactElement {
  const containerRef = useRef<HTMLDivElement>(null);
  const config = useBasemapConfig();
  const handles = useMapHandles(containerRef, padding, config, zoomButtons);
  const map = handles?.map ?? null;
  const store = useAppStoreApi();
  const { t, i18n } = useTranslation();
  const data = useHazardLayerData();
  const selectedId = useAppStore((s) => s.selectedHazardId);
  const blink = Math.floor(useNow() / 1000) % 2 === 0;

  const stateLabel = useCallback((state: HazardState) => t(`state.${state}`), [t]);
  const onSelect = useCallback((id: string) => store.getState().selectHazard(id), [store]);
  const hazards = useMemo(
    () =>
      hazardScene({
        hazards: data.hazards,
        flagged: data.flagged,
        states: data.states,
        selectedId,
        stateLabel,
        onSelect,
        scale,
      }),
    [data.hazards, data.flagged, data.states, selectedId, stateLabel, onSelect, scale],
  );
  const builtin = config?.kind === 'builtin';
  const english = i18n.language.startsWith('en');
  const basemap = useMemo(() => {
    const names = basemapScene({ cityName: t('map.city'), english, scale });
    // A deployment's basemap names its own water and places; the districts stay ours.
    return builtin
      ? names
      : { symbols: [], labels: names.labels.filter((l) => l.style === 'district') };
  }, [builtin, english, scale, t]);
  const vectorNames = useVectorNames(map, config?.kind === 'pmtiles');
  const shelters = useShelterScene(map, scale);
  const all = useMemo(
    () => visibleScene(mergeScenes(scene, hazards, shelters, basemap, vectorNames), hiddenLayers),
    [scene, hazards, shelters, basemap, vectorNames, hiddenLayers],
  );
  const shift = useFrameShift(map);
  const view = useMemo<PlacementView>(() => ({ shift, minLabelPx }), [shift, minLabelPx]);
  const drawn = usePlacement(map, all, scale, view);

  const layers = useMemo(() => {
    const list: Layer[] = visibleLayers<Layer>(
      [
        ...below,
        createHazardHaloLayer({ alarmed: data.alarmed, states: data.states, blink, scale }, drawn),
        ...createSymbolLayers(drawn, scale, minLabelPx),
        ...decorate(drawn),
        ...createLabelLayers(drawn),
      ],
      hiddenLayers,
    );
    if (shift[0] === 0 && shift[1] === 0) return list;
    // Onto a GCJ-02 basemap: every layer moved by the offset (degrees, applied before projection).
    const modelMatrix = new Float32Array([
      1,
      0,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      1,
      0,
      shift[0],
      shift[1],
      0,
      1,
    ]);
    return list.map((l) => l.clone({ modelMatrix }));
  }, [
    below,
    data.alarmed,
    data.states,
    blink,
    scale,
    drawn,
    decorate,
    shift,
    minLabelPx,
    hiddenLayers,
  ]);

  useEffect(() => {
    if (!onMap) return undefined;
    onMap(map);
    return () => onMap(null);
  }, [map, onMap]);

  useEffect(() => {
    handles?.overlay.setProps({ layers });
  }, [handles, layers]);

  // Ready for the tests once the first placement is on the overlay.
  const placedOnce = drawn.symbols.length > 0 || drawn.labels.length > 0;
  const latest = useRef({ drawn, layers });
  latest.current = { drawn, layers };
  useEffect(() => {
    if (!handles || !placedOnce) return;
    const { map: m } = handles;
    exposeTestHooks({
      store,
      map: m,
      drawn: () => drawnBoxes(m, latest.current.layers, view.shift),
    });
    setMapReady(true);
  }, [handles, placedOnce, store, view]);

  useEffect(() => {
    if (!handles) return undefined;
    return store.subscribe((s, prev) => {
      if (!s.focus || s.focus === prev.focus) return;
      const hazard = s.hazards.get(s.focus.hazardId);
      if (!hazard) return;
      const { map: m } = handles;
      m.flyTo({
        center: mapFrame().toMap(hazard.location),
        zoom: Math.max(m.getZoom(), FOCUS_ZOOM),
        padding,
        duration: 1200,
      });
    });
  }, [handles, store, padding]);

  return <div ref={containerRef} className="map" data-testid="map" />;
}
