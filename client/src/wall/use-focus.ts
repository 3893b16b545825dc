import { useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Alarm, Incident } from '@cc/shared';
import type { FocusItem } from '../store/happenings';
import type { AppState } from '../store/create-app-store';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { chime } from './chime';
import { mapFrame } from '../map/frame';

export const FOCUS_ZOOM = 13;

/** What the wall is focused on, resolved against the live picture. */
export type Focused =
  | { item: FocusItem; kind: 'incident'; incident: Incident; location: [number, number] }
  | { item: FocusItem; kind: 'alarm'; alarm: Alarm; location: [number, number] };

function resolve(item: FocusItem, state: AppState): Focused | null {
  if (item.kind === 'incident') {
    const incident = state.incidents.get(item.entityId);
    return incident ? { item, kind: 'incident', incident, location: incident.location } : null;
  }
  const alarm = state.alarms.get(item.entityId);
  const hazard = alarm?.hazardId ? state.hazards.get(alarm.hazardId) : undefined;
  return alarm && hazard ? { item, kind: 'alarm', alarm, location: hazard.location } : null;
}

/**
 * Auto-focus: takes serious events from the store's queue one at a time, flies the map to each
 * and keeps it there for the configured time, then the next, then back to the overview.
 */
export function useFocus(map: MapLibreMap | null, overview: () => void): Focused | null {
  const store = useAppStoreApi();
  const queued = useAppStore((s) => s.focusQueue.length);
  const seconds = useAppStore((s) => s.wall?.config.focus.seconds ?? 20);
  const withChime = useAppStore((s) => s.wall?.config.focus.chime ?? false);
  const [current, setCurrent] = useState<FocusItem | null>(null);
  // The entity as it is now (the banner follows its updates).
  const incident = useAppStore((s) =>
    current?.kind === 'incident' ? s.incidents.get(current.entityId) : undefined,
  );
  const alarm = useAppStore((s) =>
    current?.kind === 'alarm' ? s.alarms.get(current.entityId) : undefined,
  );
  const hazard = useAppStore((s) => (alarm?.hazardId ? s.hazards.get(alarm.hazardId) : undefined));
  const focused = useMemo((): Focused | null => {
    if (!current) return null;
    if (incident) return { item: current, kind: 'incident', incident, location: incident.location };
    if (alarm && hazard) return { item: current, kind: 'alarm', alarm, location: hazard.location };
    return null;
  }, [current, incident, alarm, hazard]);

  // Start the next one when idle.
  useEffect(() => {
    if (!map || current !== null || queued === 0) return;
    const state = store.getState();
    const item = state.focusQueue[0];
    state.dequeueFocus();
    if (!item) return;
    const target = resolve(item, state);
    if (!target) return; // Gone already (cleared, removed): nothing to show.
    setCurrent(item);
    if (target.kind === 'alarm') state.selectHazard(target.alarm.hazardId ?? null);
    if (withChime) chime();
    map.flyTo({
      center: mapFrame().toMap(target.location),
      zoom: Math.max(map.getZoom(), FOCUS_ZOOM),
      duration: 1500,
    });
  }, [map, current, queued, store, withChime]);

  // Hold, then move on: the next in the queue, or back to the overview.
  useEffect(() => {
    if (current === null) return undefined;
    const timer = setTimeout(() => {
      setCurrent(null);
      if (store.getState().focusQueue.length === 0) overview();
    }, seconds * 1000);
    return () => clearTimeout(timer);
  }, [current, seconds, store, overview]);

  return focused;
}
