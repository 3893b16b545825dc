import { useEffect } from 'react';
import { API, SupportResponse } from '@cc/shared';
import { ApiError, getJson } from './api';
import { useTablet } from './context';
import { tabletUi, useTabletUi } from './ui-store';

/** Decision support is fetched again this often while an incident is open (units move, alarms change). */
export const SUPPORT_REFRESH_MS = 30_000;

export function supportPath(incidentId: string, radiusKm: number): string {
  return `${API.support.replace(':id', encodeURIComponent(incidentId))}?radiusKm=${radiusKm}`;
}

/**
 * Keeps decision support for the open incident in the tablet's UI store: fetched when the
 * incident or the radius changes, every SUPPORT_REFRESH_MS, and on each reconnect. A failed
 * fetch keeps what was shown and says so.
 */
export function useSupportLoader(): void {
  const { link } = useTablet();
  const incidentId = useTabletUi((s) => (s.panel.kind === 'incident' ? s.panel.incidentId : null));
  const radiusKm = useTabletUi((s) => s.radiusKm);
  const nonce = useTabletUi((s) => s.supportNonce);

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
        const body = await getJson(supportPath(incidentId, radiusKm), mine.signal);
        const data = SupportResponse.parse(body);
        if (mine.signal.aborted) return;
        tabletUi.setState({ support: { incidentId, radiusKm, data, error: null, loading: false } });
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
  }, [link, incidentId, radiusKm, nonce]);
}

/** Asks for fresh decision support now (after a dispatch, say). */
export function refreshSupport(): void {
  tabletUi.setState((s) => ({ supportNonce: s.supportNonce + 1 }));
}
