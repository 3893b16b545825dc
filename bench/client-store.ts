import { performance } from 'node:perf_hooks';
import type { Hazard, Reading, Snapshot, StampedEvent } from '@cc/shared';
import { createAppStore, type AppState } from '../client/src/store/create-app-store';
import { isAlarmState } from '../client/src/store/derived';
import { ValueList } from '../client/src/store/layered-map';
import { hazardScene } from '../client/src/map/layers/hazards';

/**
 * The screen's side, run in Node with the client's own code: applying a batch of 1,000 changes
 * to the store holding `n` hazards (one sensor each), then rebuilding what the map draws from it
 * (hazard list, flagged and alarmed subsets, the symbols and labels the map places), as
 * `useHazardLayerData` and `hazardScene` do on each change. The live states are kept by
 * the store itself (re-evaluated for the hazards that changed).
 */

function hazard(i: number, ts: number): Hazard {
  return {
    id: `ent:h${i}`,
    agency: 'ent',
    name: `危险源 ${i}`,
    enterprise: '某化工',
    grade: 1 + (i % 4),
    chemicals: [],
    location: [119.5 + (i % 1000) / 1000, 31.5 + Math.floor(i / 1000) / 1000],
    sensors: [
      {
        id: `ent:h${i}-s0`,
        hazardId: `ent:h${i}`,
        metric: 'level',
        unit: '%',
        thresholds: { high: 85, highHigh: 95 },
        interval: 3_600,
      },
    ],
    ts,
  };
}

function reading(i: number, ts: number, value: number): Reading {
  return {
    id: `ent:h${i}-s0`,
    ts,
    value,
    level: value >= 95 ? 'HH' : value >= 85 ? 'H' : 'normal',
  };
}

/**
 * What the map rebuilds after a change, as the hooks do (`useHazardList`, `useHazardLayerData`):
 * the hazard list when the hazards map changed (the hook's `ValueList`), the flagged and alarmed
 * subsets from the store's flagged hazards, and the hazards' symbols and labels.
 */
function rebuildLayers(state: AppState, lists: ValueList<string, Hazard>) {
  const hazards = lists.of(state.hazards);
  const flagged: Hazard[] = [];
  for (const id of state.flaggedHazards.keys()) {
    const h = state.hazards.get(id);
    if (h) flagged.push(h);
  }
  // What the halo layer draws; built here so the figure covers it.
  flagged.filter((h) => isAlarmState(state.flaggedHazards.get(h.id)));
  hazardScene({
    hazards,
    flagged,
    states: state.hazardStates,
    selectedId: null,
    stateLabel: (s) => s,
    onSelect: () => {},
    scale: 1,
  });
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/**
 * Median ms over 15 rounds, through the client's own store (`createAppStore`): apply 1,000
 * hazard changes (events), apply a telemetry frame of 1,000 readings, rebuild the layer data.
 */
export function benchClientStore(n: number) {
  const now = Date.now();
  const store = createAppStore(() => now);
  const snapshot: Snapshot = {
    eventId: '1-0',
    at: now,
    hazards: Array.from({ length: n }, (_, i) => hazard(i, i)),
    readings: Array.from({ length: n }, (_, i) => reading(i, now, 50)),
    alarms: [],
    incidents: [],
    resources: [],
    positions: [],
    cameras: [],
    cameraHealth: [],
    warnings: [],
    riskareas: [],
    orders: [],
    places: [],
    stations: [],
    zones: [],
    hiddenhazards: [],
    duties: [],
    reports: [],
    stocks: [],
  };
  store.getState().applySnapshot(snapshot);
  const lists = new ValueList<string, Hazard>();
  rebuildLayers(store.getState(), lists);
  const applyEventsMs: number[] = [];
  const applyTelemetryMs: number[] = [];
  const rebuildMs: number[] = [];
  // Five rounds to warm the JIT up, then fifteen measured.
  for (let round = -5; round < 15; round++) {
    const events: StampedEvent[] = Array.from({ length: 1_000 }, (_, j) => ({
      id: `${1_000_000 + (round + 5) * 1_000 + j}-0`,
      kind: 'hazard',
      op: 'upsert',
      data: hazard(((round + 5) * 1_000 + j) % n, n + (round + 5) * 1_000 + j),
    }));
    let started = performance.now();
    store.getState().applyEvents({ events });
    applyEventsMs.push(performance.now() - started);

    // A telemetry frame of 1,000 readings, a few of them crossing into an alarm.
    const readings = Array.from({ length: 1_000 }, (_, j) =>
      reading(((round + 5) * 7_919 + j * 13) % n, now + round + 6, j % 50 === 0 ? 97 : 50),
    );
    started = performance.now();
    store.getState().applyTelemetry({ readings, positions: [] });
    applyTelemetryMs.push(performance.now() - started);

    started = performance.now();
    rebuildLayers(store.getState(), lists);
    rebuildMs.push(performance.now() - started);
  }
  // The warm-up rounds are not figures.
  for (const times of [applyEventsMs, applyTelemetryMs, rebuildMs]) times.splice(0, 5);
  return {
    entities: n,
    applyEventsMs: median(applyEventsMs),
    applyTelemetryMs: median(applyTelemetryMs),
    rebuildLayersMs: median(rebuildMs),
  };
}
