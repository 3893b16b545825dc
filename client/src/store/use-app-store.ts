import { createContext, useContext, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Hazard } from '@cc/shared';
import type { AppState, AppStore } from './create-app-store';
import type { HazardStates } from './derived';
import { ValueList } from './layered-map';

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi: no StoreContext provider');
  return store;
}

/** Reads one narrow slice of the store; the component re-renders only when it changes. */
export function useAppStore<U>(selector: (state: AppState) => U): U {
  return useStore(useAppStoreApi(), selector);
}

/**
 * Hazards as an array whose identity changes only when the hazards map does, in the map's order;
 * a batch that updates or adds some hazards costs a copy of the array, not a walk of the map.
 */
export function useHazardList(): Hazard[] {
  const hazards = useAppStore((s) => s.hazards);
  const [lists] = useState(() => new ValueList<string, Hazard>());
  return useMemo(() => lists.of(hazards), [lists, hazards]);
}

/** Live state per hazard: kept by the store on new readings and once a second (for offline). */
export function useHazardStates(): HazardStates {
  return useAppStore((s) => s.hazardStates);
}
