import { useSyncExternalStore } from 'react';

// One shared clock for the whole page: every component sees the same second, so the map, the
// counts and the badge never disagree about what is offline or stale.
const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getSnapshot(): number {
  return now;
}

/** The current time, epoch ms, re-evaluated once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}
