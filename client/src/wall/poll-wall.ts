import i18next from 'i18next';
import { API, WallResponse } from '@cc/shared';
import { loadSession, type TokenStorage } from '../auth/session';
import type { AppStore } from '../store/create-app-store';

/** How often the wall refreshes its configuration and the feeds' health. */
export const WALL_POLL_MS = 10_000;

/**
 * Fetches `GET /api/v1/wall` once the live connection is up, every WALL_POLL_MS after, and again
 * on each reconnect.
 * A failed fetch keeps the last answer: the feed strip shows its time, so it cannot pass for new.
 * The configured language applies unless the address names one (`?lang=`).
 */
export function pollWall(
  store: AppStore,
  options: { base?: string; storage?: TokenStorage; languageFromUrl: boolean },
): () => void {
  const base = options.base ?? window.location.origin;
  const storage = options.storage ?? window.localStorage;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function once(): Promise<void> {
    if (store.getState().auth.signIn !== null) return;
    const token = loadSession(storage, Date.now())?.token;
    try {
      const res = await fetch(`${base}${API.wall}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!res.ok) return;
      const wall = WallResponse.parse(await res.json());
      const first = store.getState().wall === null;
      store.getState().setWall(wall);
      if (first && !options.languageFromUrl && i18next.language !== wall.config.language)
        await i18next.changeLanguage(wall.config.language);
    } catch (err) {
      console.warn('wall: configuration fetch failed', (err as Error).message);
    }
  }

  const loop = async () => {
    await once();
    if (!stopped) timer = setTimeout(() => void loop(), WALL_POLL_MS);
  };
  // Starts once the live connection is up: by then the screen has signed in (or needs not).
  let started = false;
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.connection.state !== 'live' || prev.connection.state === 'live') return;
    if (!started) {
      started = true;
      void loop();
    } else void once();
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
