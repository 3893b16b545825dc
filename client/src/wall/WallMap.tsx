import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapView, type ViewPadding } from '../map/MapView';
import { CHANGZHOU_BOUNDS } from '../map/districts';
import { HazardDetail } from '../panels/HazardDetail';
import { FocusBanner } from './FocusBanner';
import { useFocus } from './use-focus';
import { useMinTextPx } from './legibility';
import { Legend } from '../map/Legend';
import { useScreenScale, useWallLayers } from './use-wall-layers';
import { useAppStore } from '../store/use-app-store';
import { CameraTiles } from '../cameras/CameraTiles';
import { useCameraLayers } from '../cameras/use-camera-layers';

/**
 * The legend stays off the wall until asked: `?legend=1` in the wall's address shows it, the L
 * key (a keyboard at the wall's computer) shows and hides it.
 */
function useLegendAsked(): boolean {
  const [shown, setShown] = useState(
    () => new URLSearchParams(window.location.search).get('legend') === '1',
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'l' || e.key === 'L') setShown((v) => !v);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return shown;
}

/** The map in the middle of the wall, its layers, auto-focus and the banner over it. */
export function WallMap(): ReactElement {
  const scale = useScreenScale();
  const minText = useMinTextPx();
  const padding = useMemo<ViewPadding>(
    () => ({ top: 110 * scale, right: 24 * scale, bottom: 24 * scale, left: 24 * scale }),
    [scale],
  );
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [zoom, setZoom] = useState(9);
  useEffect(() => {
    if (!map) return undefined;
    const onZoom = () => setZoom(map.getZoom());
    onZoom();
    map.on('zoomend', onZoom);
    return () => {
      map.off('zoomend', onZoom);
    };
  }, [map]);
  const overview = useCallback(() => {
    map?.fitBounds(CHANGZHOU_BOUNDS, { padding, duration: 1500 });
  }, [map, padding]);
  const focused = useFocus(map, overview);
  // A wall that changes size (a browser brought up small, a tile added) shows the city again.
  const focusedRef = useRef(false);
  focusedRef.current = focused !== null;
  useEffect(() => {
    if (!map) return undefined;
    const onResize = () => {
      if (!focusedRef.current) overview();
    };
    map.on('resize', onResize);
    return () => {
      map.off('resize', onResize);
    };
  }, [map, overview]);
  const selected = useAppStore((s) => s.selectedHazardId !== null);
  const legend = useLegendAsked();
  const { below, scene, decorate } = useWallLayers(zoom, focused?.location ?? null);
  const cameraLayers = useCameraLayers(zoom, scale);
  const underSymbols = useMemo(() => [...below, ...cameraLayers], [below, cameraLayers]);
  return (
    <div className="wall-map" data-testid="wall-map" data-focus={focused?.item.entityId ?? ''}>
      <MapView
        padding={padding}
        scale={scale}
        minLabelPx={minText}
        zoomButtons={false}
        below={underSymbols}
        scene={scene}
        decorate={decorate}
        onMap={setMap}
      />
      <FocusBanner focused={focused} />
      {legend && (
        <div className="wall-map__legend">
          <Legend open />
        </div>
      )}
      <CameraTiles focusAt={focused?.kind === 'incident' ? focused.location : null} />
      {/* Only a chosen hazard: a wall has no one to read "tap a hazard". */}
      {selected && (
        <div className="wall-map__detail wall__zoomed">
          <HazardDetail />
        </div>
      )}
    </div>
  );
}
