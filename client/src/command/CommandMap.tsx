import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Camera } from '@cc/shared';
import { CameraPlayer } from '../cameras/CameraPlayer';
import { openCamera } from '../cameras/camera-ui';
import { useCameraLayers } from '../cameras/use-camera-layers';
import { MapView, type ViewPadding } from '../map/MapView';
import { Legend } from '../map/Legend';
import type { LegendLayer } from '../map/legend-layers';
import { mapFrame } from '../map/frame';
import { useAppStoreApi } from '../store/use-app-store';
import { useTablet } from './context';
import { listenForLongPress } from './long-press';
import { useCommandLayers } from './use-command-layers';
import { openIncident, tabletUi, useTabletUi } from './ui-store';
import type { BBox } from './view-area';

const PADDING: ViewPadding = { top: 16, right: 16, bottom: 16, left: 16 };
const INCIDENT_ZOOM = 12;

/** The visible area in WGS-84 (moved back from a GCJ-02 basemap's frame). */
function boundsOf(map: MapLibreMap): BBox {
  const b = map.getBounds();
  const { fromMap } = mapFrame();
  const [west, south] = fromMap([b.getWest(), b.getSouth()]);
  const [east, north] = fromMap([b.getEast(), b.getNorth()]);
  return [west, south, east, north];
}

/**
 * The tablet's map: incidents (tap to open), units, hazards (tap for detail), places, and the
 * open incident's radius. A long press reports a new incident there. The visible area goes to
 * the link, which limits telemetry to it.
 */
export function CommandMap(): ReactElement {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const { link, canCommand } = useTablet();
  const wrapper = useRef<HTMLDivElement>(null);
  const [hiddenLayers, setHiddenLayers] = useState<ReadonlySet<LegendLayer>>(() => new Set());
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [zoom, setZoom] = useState(9);
  const selectedId = useTabletUi((s) => (s.panel.kind === 'incident' ? s.panel.incidentId : null));
  const onSelectIncident = useCallback((id: string) => openIncident(tabletUi, id), []);
  const { below, scene, decorate, followed } = useCommandLayers(zoom, selectedId, onSelectIncident);
  const onPickCamera = useCallback((camera: Camera) => openCamera(camera.id), []);
  const cameraLayers = useCameraLayers(zoom, 1, onPickCamera);
  const underSymbols = useMemo(() => [...below, ...cameraLayers], [below, cameraLayers]);

  useEffect(() => {
    if (!map) return undefined;
    const onMoveEnd = () => {
      setZoom(map.getZoom());
      link.setView(boundsOf(map));
    };
    onMoveEnd();
    map.on('moveend', onMoveEnd);
    // The panel and the page change size with orientation: the map follows.
    const observer = new ResizeObserver(() => map.resize());
    observer.observe(map.getContainer());
    return () => {
      map.off('moveend', onMoveEnd);
      observer.disconnect();
    };
  }, [map, link]);

  // Opening an incident brings it into view.
  useEffect(() => {
    if (!map || selectedId === null) return;
    const incident = store.getState().incidents.get(selectedId);
    if (!incident) return;
    map.flyTo({
      center: mapFrame().toMap(incident.location),
      zoom: Math.max(map.getZoom(), INCIDENT_ZOOM),
      duration: 800,
    });
  }, [map, selectedId, store]);

  useEffect(() => {
    const el = wrapper.current;
    if (!map || !el || !canCommand) return undefined;
    return listenForLongPress(el, ({ x, y }) => {
      const rect = map.getCanvas().getBoundingClientRect();
      const { lng, lat } = map.unproject([x - rect.left, y - rect.top]);
      const location = mapFrame().fromMap([lng, lat]);
      tabletUi.setState({ dialog: { kind: 'create', location } });
    });
  }, [map, canCommand]);

  return (
    <div ref={wrapper} className="tablet-map" data-testid="tablet-map" data-followed={followed}>
      <MapView
        padding={PADDING}
        below={underSymbols}
        scene={scene}
        decorate={decorate}
        onMap={setMap}
        hiddenLayers={hiddenLayers}
      />
      <Legend hidden={hiddenLayers} onChange={setHiddenLayers} />
      <CameraPlayer />
      {canCommand && <p className="tablet-map__hint">{t('command.map.longPress')}</p>}
    </div>
  );
}
