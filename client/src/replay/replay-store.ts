import { createStore } from 'zustand/vanilla';
import { API, type ReplayPicture, type ReplaySpan, type StampedEvent } from '@cc/shared';
import type { Position, Reading } from '@cc/shared';
import { loadSession } from '../auth/session';
import { createAppStore, type AppStore } from '../store/create-app-store';

/** Playback speeds the control offers. */
export const SPEEDS = [1, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** How often the replay clock moves while playing (real time). */
export const TICK_MS = 250;
/** Archive time fetched ahead of the replay clock per request, per unit of speed. */
const AHEAD_PER_SPEED_MS = 30_000;

export type ReplayStatus = 'loading' | 'ready' | 'error';

export interface ReplayState {
  /** Null while the screen shows the live picture. */
  session: {
    /** The replayed picture: a store of the live store's shape the map and panels read instead. */
    picture: AppStore;
    /** Replay clock, epoch ms. */
    clock: number;
    /** Where replay started (the moment picked, or an incident's start). */
    start: number;
    /** Where playing stops by itself (an incident's end, else the time replay was entered). */
    end: number;
    speed: Speed;
    playing: boolean;
    status: ReplayStatus;
    /** Why the archive could not be read, while it cannot. */
    error: string | null;
  } | null;
  /** Whether the control's panel is open (picking a moment) while live. */
  picking: boolean;
}

/** GET a JSON API path with the screen's token. */
async function getJson<T>(path: string): Promise<T> {
  const token = loadSession(window.localStorage, Date.now())?.token;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json().catch(() => undefined)) as { message?: unknown } | undefined;
  if (!res.ok) {
    throw new Error(typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`);
  }
  return body as T;
}

const msOf = (id: string) => Number(id.slice(0, id.indexOf('-')));

/**
 * Replay on a screen: a picture built by the server from the archive at the moment picked, then
 * played forward by fetching what happened ahead of the replay clock and applying it, as the
 * clock passes it, with the live store's own actions (the same reducers). Live events keep
 * arriving in the live store underneath; leaving replay shows it again at once.
 */
export function createReplay(liveStore: AppStore) {
  const store = createStore<ReplayState>()(() => ({ session: null, picking: false }));
  /** What was fetched and not yet applied, in order; `fetchedTo`: up to where. */
  let events: StampedEvent[] = [];
  let readings: Reading[] = [];
  let positions: Position[] = [];
  let fetchedTo = 0;
  let fetching: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  /** Bumped on every enter and exit: answers for an older replay are dropped. */
  let generation = 0;

  const session = () => store.getState().session;
  const patch = (p: Partial<NonNullable<ReplayState['session']>>) => {
    const s = session();
    if (s) store.setState({ session: { ...s, ...p } });
  };

  /** Sets the replayed picture's clock: what it judges sensors by and what its clock shows. */
  function setPictureClock(picture: AppStore, clock: number) {
    const at = Date.now();
    picture.setState({ clockOffset: clock - at, lastMessageAt: at });
  }

  async function fetchAhead(gen: number): Promise<void> {
    const s = session();
    if (!s || fetchedTo >= s.end) return;
    const to = Math.min(s.end, fetchedTo + Math.max(AHEAD_PER_SPEED_MS * s.speed, 60_000));
    const span = await getJson<ReplaySpan>(`${API.replayEvents}?from=${fetchedTo}&to=${to}`);
    if (gen !== generation) return;
    events = events.concat(span.events);
    readings = readings.concat(span.readings);
    positions = positions.concat(span.positions);
    fetchedTo = span.to;
  }

  function ensureAhead(gen: number) {
    const s = session();
    if (!s || fetching) return;
    if (fetchedTo >= s.end || fetchedTo - s.clock > AHEAD_PER_SPEED_MS * s.speed * 0.5) return;
    fetching = fetchAhead(gen)
      .catch((err: Error) => {
        if (gen === generation) patch({ error: err.message, playing: false });
      })
      .finally(() => {
        fetching = null;
      });
  }

  /** Applies what was fetched up to `clock` to the replayed picture. */
  function applyUpTo(picture: AppStore, clock: number) {
    let n = 0;
    while (n < events.length && msOf(events[n]!.id) <= clock) n++;
    if (n > 0) {
      picture.getState().applyEvents({ events: events.slice(0, n) });
      events = events.slice(n);
    }
    const due = <T extends { ts: number }>(items: T[]) => {
      const now = items.filter((i) => i.ts <= clock);
      return [now, now.length === 0 ? items : items.filter((i) => i.ts > clock)] as const;
    };
    const [r, restR] = due(readings);
    const [p, restP] = due(positions);
    readings = [...restR];
    positions = [...restP];
    if (r.length > 0 || p.length > 0)
      picture.getState().applyTelemetry({ readings: r, positions: p });
    setPictureClock(picture, clock);
    picture.getState().tick();
  }

  function tick(gen: number) {
    const s = session();
    if (!s || gen !== generation || s.status !== 'ready') return;
    if (!s.playing) {
      // Paused: the replayed picture's clock stands still, and the picture is not stale.
      setPictureClock(s.picture, s.clock);
      return;
    }
    // Never ahead of what has been fetched: the picture waits for the archive.
    const clock = Math.min(s.end, s.clock + TICK_MS * s.speed, Math.max(fetchedTo, s.clock));
    applyUpTo(s.picture, clock);
    patch({ clock, playing: clock < s.end });
    ensureAhead(gen);
  }

  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    store,
    /** Opens or closes the panel for picking a moment. */
    setPicking(picking: boolean) {
      store.setState({ picking });
    },
    /**
     * Shows the picture as it was at `at` (epoch ms), paused; playing stops at `end` (default:
     * now).
     */
    async enter(at: number, end = Date.now()): Promise<void> {
      const gen = ++generation;
      stopTimer();
      events = [];
      readings = [];
      positions = [];
      fetching = null;
      const picture = createAppStore();
      const live = liveStore.getState();
      if (live.wall) picture.getState().setWall(live.wall);
      picture.getState().setConnection('live');
      picture.getState().setSession(live.auth.session);
      store.setState({
        picking: false,
        session: {
          picture,
          clock: at,
          start: at,
          end: Math.max(at, end),
          speed: session()?.speed ?? 1,
          playing: false,
          status: 'loading',
          error: null,
        },
      });
      try {
        const built = await getJson<ReplayPicture>(
          `${API.replaySnapshot}?at=${new Date(at).toISOString()}`,
        );
        if (gen !== generation) return;
        picture.getState().applySnapshot(built.snapshot);
        setPictureClock(picture, at);
        fetchedTo = at;
        patch({ status: 'ready' });
        timer = setInterval(() => tick(gen), TICK_MS);
        ensureAhead(gen);
      } catch (err) {
        if (gen === generation) patch({ status: 'error', error: (err as Error).message });
      }
    },
    play() {
      const s = session();
      if (s && s.status === 'ready' && s.clock < s.end) patch({ playing: true, error: null });
      ensureAhead(generation);
    },
    pause() {
      patch({ playing: false });
    },
    setSpeed(speed: Speed) {
      patch({ speed });
      ensureAhead(generation);
    },
    /** Pauses and moves the clock to the next event (or a minute on, when none is near). */
    async step(): Promise<void> {
      const gen = generation;
      const s = session();
      if (!s || s.status !== 'ready') return;
      patch({ playing: false });
      while (events.length === 0 && fetchedTo < s.end && gen === generation) {
        await (fetching ?? fetchAhead(gen));
      }
      const cur = session();
      if (!cur || gen !== generation) return;
      const next = events[0] ? msOf(events[0].id) : Math.min(cur.end, cur.clock + 60_000);
      const clock = Math.min(cur.end, Math.max(next, cur.clock));
      applyUpTo(cur.picture, clock);
      patch({ clock });
      ensureAhead(gen);
    },
    /** Back to the live picture. */
    exit() {
      generation++;
      stopTimer();
      events = [];
      readings = [];
      positions = [];
      store.setState({ session: null, picking: false });
    },
  };
}
export type Replay = ReturnType<typeof createReplay>;
