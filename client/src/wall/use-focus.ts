import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Alarm, Incident } from '@cc/shared';
import type { FocusItem } from '../store/happenings';
import type { AppState } from '../store/create-app-store';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { chime } from './chime';
import { mapFrame } from '../map/frame';
import { DEFAULT_ATTENTION, focusEnd, overdueAlarms, stillWanted } from './attention';

export const FOCUS_ZOOM = 13;

/** How often the attention policy is evaluated (holds, acknowledgements, overdue alarms), ms. */
const TICK_MS = 500;

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

interface Current {
  item: FocusItem;
  /** Wall clock, ms. */
  startedAt: number;
}

/**
 * Auto-focus under the attention policy (docs/wall.md): takes the most urgent waiting item (serious
 * incidents before alarms), flies the map to it, opens an alarm's hazard detail, and holds: an
 * incident until a tablet acknowledges it or the hold runs out, an alarm for the configured
 * seconds (an incident cuts it short). Then the detail closes, the map returns to the whole city
 * and stays there at least `overviewSeconds` before the next.
 */
export function useFocus(map: MapLibreMap | null, overview: () => void): Focused | null {
  const store = useAppStoreApi();
  const queued = useAppStore((s) => s.focusQueue.length);
  const focusConfig = useAppStore((s) => s.wall?.config.focus);
  const config = useMemo(() => ({ ...DEFAULT_ATTENTION, ...focusConfig }), [focusConfig]);
  const withChime = focusConfig?.chime ?? false;
  const [current, setCurrent] = useState<Current | null>(null);
  const currentRef = useRef<Current | null>(null);
  const restUntil = useRef(0);
  const overdueDone = useRef(new Set<string>());
  // The entity as it is now (the banner follows its updates).
  const item = current?.item;
  const incident = useAppStore((s) =>
    item?.kind === 'incident' ? s.incidents.get(item.entityId) : undefined,
  );
  const alarm = useAppStore((s) =>
    item?.kind === 'alarm' ? s.alarms.get(item.entityId) : undefined,
  );
  const hazard = useAppStore((s) => (alarm?.hazardId ? s.hazards.get(alarm.hazardId) : undefined));
  const focused = useMemo((): Focused | null => {
    if (!item) return null;
    if (incident) return { item, kind: 'incident', incident, location: incident.location };
    if (alarm && hazard) return { item, kind: 'alarm', alarm, location: hazard.location };
    return null;
  }, [item, incident, alarm, hazard]);

  const step = useCallback(() => {
    if (!map) return;
    const now = Date.now();
    let state = store.getState();
    // Alarms left unacknowledged too long join the queue, once each.
    const overdue = overdueAlarms(
      state.alarms,
      now + state.clockOffset,
      config,
      overdueDone.current,
    );
    if (overdue.length > 0) {
      for (const o of overdue) overdueDone.current.add(o.entityId);
      state.enqueueFocus(overdue);
    }
    if (overdueDone.current.size > 2_000) {
      for (const id of overdueDone.current)
        if (!state.alarms.has(id)) overdueDone.current.delete(id);
    }
    // What no longer needs the wall leaves the queue (acknowledged, cleared, closed).
    state = store.getState();
    const settled = new Set(
      state.focusQueue.filter((q) => !stillWanted(q, state)).map((q) => q.id),
    );
    if (settled.size > 0) state.dropFocus(settled);
    state = store.getState();

    const cur = currentRef.current;
    if (cur) {
      if (!focusEnd(cur.item, cur.startedAt, now, state, state.focusQueue, config)) return;
      // The focus ends: its detail closes with it and the map shows the whole city again.
      currentRef.current = null;
      setCurrent(null);
      if (cur.item.kind === 'alarm') {
        const hazardId = state.alarms.get(cur.item.entityId)?.hazardId;
        if (state.selectedHazardId !== null && state.selectedHazardId === hazardId)
          state.selectHazard(null);
      }
      overview();
      restUntil.current = now + config.overviewSeconds * 1000;
      return;
    }
    if (now < restUntil.current) return;
    const next = state.focusQueue[0];
    if (!next) return;
    state.dequeueFocus();
    const target = resolve(next, state);
    if (!target) return; // Gone already (cleared, removed): nothing to show.
    const started = { item: next, startedAt: now };
    currentRef.current = started;
    setCurrent(started);
    // Only the focused alarm's hazard detail is open; an incident shows none.
    state.selectHazard(target.kind === 'alarm' ? (target.alarm.hazardId ?? null) : null);
    if (withChime) chime();
    map.flyTo({
      center: mapFrame().toMap(target.location),
      zoom: Math.max(map.getZoom(), FOCUS_ZOOM),
      duration: 1500,
    });
  }, [map, store, config, overview, withChime]);

  // At once when something is queued, and every tick for holds and acknowledgements.
  useEffect(() => {
    step();
  }, [step, queued]);
  useEffect(() => {
    const timer = setInterval(step, TICK_MS);
    return () => clearInterval(timer);
  }, [step]);

  return focused;
}
