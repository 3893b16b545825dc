import { useEffect, useMemo, useState } from 'react';
import { API, LiveEvent, type StampedEvent } from '@cc/shared';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { getJson } from './api';
import { useTablet } from './context';
import { collect, engagedResources, timelineLines, type TimelineLine } from './timeline';

type Path = 'incidents' | 'orders' | 'resources';

/** One entity's events from `GET /api/v1/entities/{kind}/{id}`; unreadable entries are left out. */
async function history(path: Path, id: string, signal: AbortSignal): Promise<StampedEvent[]> {
  const body = (await getJson(`${API.entities}/${path}/${encodeURIComponent(id)}`, signal)) as {
    history?: unknown;
  };
  const events: StampedEvent[] = [];
  for (const raw of Array.isArray(body.history) ? body.history : []) {
    const id = (raw as { id?: unknown }).id;
    const parsed = LiveEvent.safeParse(raw);
    if (parsed.success && typeof id === 'string')
      events.push({ ...parsed.data, id } as StampedEvent);
  }
  return events;
}

export interface Timeline {
  lines: TimelineLine[];
  /** The stored history has been read (false while loading or when it could not be). */
  complete: boolean;
  error: boolean;
}

/**
 * The incident's timeline: its stored history (the incident, its orders, its units since they
 * were sent) merged with the events arriving live, each event once by its stream id. A snapshot
 * (the link was away too long for a replay) reads the history again, so there is never a gap.
 */
export function useIncidentTimeline(incidentId: string): Timeline {
  const store = useAppStoreApi();
  const { link } = useTablet();
  const [events] = useState(() => new Map<string, StampedEvent>());
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ complete: boolean; error: boolean }>({
    complete: false,
    error: false,
  });

  useEffect(() => {
    events.clear();
    setVersion((v) => v + 1);
    const engaged = engagedResources(incidentId, store.getState().orders.values());
    const add = (batch: readonly StampedEvent[]) => {
      if (collect(events, incidentId, engaged, batch)) setVersion((v) => v + 1);
    };
    let controller = new AbortController();
    const load = async () => {
      controller.abort();
      controller = new AbortController();
      const { signal } = controller;
      setState({ complete: false, error: false });
      try {
        // The orders first: they say which units' reports belong here, and since when.
        const all = [...store.getState().orders.values()];
        for (const [id, since] of engagedResources(incidentId, all)) {
          const prev = engaged.get(id);
          if (prev === undefined || since < prev) engaged.set(id, since);
        }
        const orders = all.filter((o) => {
          if (o.incidentId === incidentId) return true;
          const since = engaged.get(o.resourceId);
          return o.kind === 'recall' && since !== undefined && o.sentAt >= since;
        });
        const lists = await Promise.all([
          history('incidents', incidentId, signal),
          ...orders.map((o) => history('orders', o.id, signal)),
          ...[...engaged.keys()].map((id) => history('resources', id, signal)),
        ]);
        if (signal.aborted) return;
        for (const list of lists) add(list);
        setState({ complete: true, error: false });
      } catch (err) {
        if (signal.aborted) return;
        console.warn('timeline: history fetch failed', (err as Error).message);
        setState({ complete: false, error: true });
      }
    };
    const offEvents = link.onEvents((batch) => add(batch.events));
    const offSnapshot = link.onSnapshot(() => void load());
    void load();
    return () => {
      controller.abort();
      offEvents();
      offSnapshot();
    };
  }, [incidentId, store, link, events]);

  const resources = useAppStore((s) => s.resources);
  const lines = useMemo(
    () => timelineLines(events.values(), (id) => resources.get(id)?.name ?? id),
    // `version` marks a change of the events map, which is mutated in place.
    [events, version, resources],
  );
  return { lines, ...state };
}
