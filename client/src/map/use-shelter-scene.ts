import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Shelter } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { shelterScene, shortShelterName } from './layers/shelters';
import type { Scene } from './placement/scene';

/** Closed shelters are named from this zoom on (open ones always are). */
const CLOSED_LABELS_FROM_ZOOM = 12;

/** Whether the map is zoomed in to `zoom` or more (changes only when that does). */
function useZoomedIn(map: MapLibreMap | null, zoom: number): boolean {
  const [zoomedIn, setZoomedIn] = useState(false);
  useEffect(() => {
    if (!map) return undefined;
    const update = () => setZoomedIn(map.getZoom() >= zoom);
    update();
    map.on('zoomend', update);
    return () => {
      map.off('zoomend', update);
    };
  }, [map, zoom]);
  return zoomedIn;
}

/**
 * The emergency shelters (应急避难场所) from the store as placed symbols and labels, for every
 * screen's map: "钟楼区体育馆 126/3000", closed ones said so.
 */
export function useShelterScene(map: MapLibreMap | null, scale: number): Scene {
  const { t } = useTranslation();
  const byId = useAppStore((s) => s.shelters);
  const shelters = useMemo(() => [...byId.values()], [byId]);
  const labelClosed = useZoomedIn(map, CLOSED_LABELS_FROM_ZOOM);
  const label = useCallback(
    (s: Shelter) =>
      t(s.status === 'open' ? 'map.shelterLabel' : 'map.shelterClosedLabel', {
        name: shortShelterName(s.name),
        occupancy: s.occupancy,
        capacity: s.capacity,
      }),
    [t],
  );
  const glyph = t('glyph.shelter');
  return useMemo(
    () => shelterScene({ shelters, glyph, label, labelClosed, scale }),
    [shelters, glyph, label, labelClosed, scale],
  );
}
