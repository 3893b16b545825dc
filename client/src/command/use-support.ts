import { useEffect, useMemo } from 'react';
import { API, SUPPORT_MAX_ROUTES, SupportResponse } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { ApiError, getJson } from './api';
import { useTablet } from './context';
import { keepPicked } from './dispatch-race';
import { tabletUi, useTabletUi } from './ui-store';
import { routeUnitIds } from './units';

/** Decision support is fetched again this often while an incident is open (units move, alarms change). */
export const SUPPORT_REFRESH_MS = 30_000;

/** The request for decision support, with the ways to the incident of the units in `routes`. */
export function supportPath(
  incidentId: string,
  radiusKm: number,
  routes: readonly string[] = [],
): string {
  const base = `${API.support.replace(':id', encodeURIComponent(incidentId))}?radiusKm=${radiusKm}`;
  return routes.length === 0
    ? base
    : `${base}&routes=${routes.map((id) => encodeURIComponent(id)).join(',')}`;
}

/** The units whose routes the open incident's map draws, as one stable string (see routeUnitIds). */
function useRouteIds(incidentId: string | null): string {
  const picked = useTabletUi((s) => s.picked);
  const orders = useAppStore((s) => s.orders);
  const resources = useAppStore((s) => s.resources);
  const ids = useMemo(
    () =>
      incidentId === null
        ? []
        : routeUnitIds(incidentId, picked, orders.values(), resources, SUPPORT_MAX_ROUTES),
    [incidentId, picked, orders, resources],
  );
  // Ids are `{agency}:{id}` of letters, digits, ".", "_" and "-": a comma never occurs in one.
  return ids.join(',');
}

/**
 * Keeps decision support for the open incident in the tablet's UI store: fetched when the
 * incident, the radius or the units whose routes are drawn change, every SUPPORT_REFRESH_MS,
 * and on each reconnect. A failed fetch keeps what was shown and says so.
 */
export function useSupportLoader(): void {
  const { link } = useTablet();
  const incidentId = useTabletUi((s) => (s.panel.kind === 'incident' ? s.panel.incidentId : null));
  const radiusKm = useTabletUi((s) => s.radiusKm);
  const nonce = useTabletUi((s) => s.supportNonce);
  const routeIds = useRouteIds(incidentId);

  useEffect(() => {
    if (incidentId === null) {
      tabletUi.setState({ support: null });
      return undefined;
    }
    let controller: AbortController | null = null;
    const load = async () => {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      tabletUi.setState((s) => ({
        support:
          s.support?.incidentId === incidentId
            ? { ...s.support, radiusKm, loading: true }
            : { incidentId, radiusKm, data: null, error: null, loading: true },
      }));
      try {
        const routes = routeIds === '' ? [] : routeIds.split(',');
        const body = await getJson(supportPath(incidentId, radiusKm, routes), mine.signal);
        const data = SupportResponse.parse(body);
        if (mine.signal.aborted) return;
        tabletUi.setState((s) => {
          // A picked unit someone else took stays in its place (shown taken), not gone.
          const prev = s.support?.incidentId === incidentId ? s.support.data : null;
          const kept = prev ? keepPicked(prev.resources, data.resources, s.picked) : data.resources;
          const shown = kept === data.resources ? data : { ...data, resources: kept };
          return { support: { incidentId, radiusKm, data: shown, error: null, loading: false } };
        });
      } catch (err) {
        if (mine.signal.aborted) return;
        const code = err instanceof ApiError ? err.code : 'network';
        console.warn('support: fetch failed', (err as Error).message);
        tabletUi.setState((s) => ({
          support:
            s.support?.incidentId === incidentId
              ? { ...s.support, error: code, loading: false }
              : { incidentId, radiusKm, data: null, error: code, loading: false },
        }));
      }
    };
    void load();
    const timer = setInterval(() => void load(), SUPPORT_REFRESH_MS);
    const off = link.onConnect(() => void load());
    return () => {
      controller?.abort();
      clearInterval(timer);
      off();
    };
  }, [link, incidentId, radiusKm, nonce, routeIds]);
}

/** Asks for fresh decision support now (after a dispatch, say). */
export function refreshSupport(): void {
  tabletUi.setState((s) => ({ supportNonce: s.supportNonce + 1 }));
}
