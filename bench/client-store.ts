import { performance } from 'node:perf_hooks';
import type { Hazard, Reading, StampedEvent } from '@cc/shared';
import { applyEvents, applyTelemetry, initialLiveData } from '../client/src/store/live-reducers';
import { deriveHazardStates, isAlarmState, type HazardStates } from '../client/src/store/derived';
import { createHazardLayers } from '../client/src/map/layers/hazards';

/**
 * The screen's side, run in Node with the client's own code: applying a batch of 1,000 changes
 * to the store holding `n` hazards (one sensor each), then rebuilding what the map draws from it
 * (hazard list, live states, the flagged and alarmed subsets, the deck.gl layer descriptors), as
 * `useHazardLayerData` and `createHazardLayers` do on each change.
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

/** What the map rebuilds from the store: the arrays its layers draw and the layers themselves. */
function rebuildLayers(
  state: ReturnType<typeof initialLiveData>,
  now: number,
  prev: HazardStates | undefined,
) {
  const hazards = [...state.hazards.values()];
  const states = deriveHazardStates(state.hazards, state.readings, now, prev);
  const flagged = hazards.filter((h) => states.get(h.id) !== 'normal');
  const alarmed = flagged.filter((h) => isAlarmState(states.get(h.id)));
  createHazardLayers({
    hazards,
    flagged,
    alarmed,
    states,
    selectedId: null,
    blink: false,
    stateLabel: (s) => s,
    onSelect: () => {},
  });
  return states;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/** Median ms over 15 rounds: apply 1,000 changes; then rebuild the layer data. */
export function benchClientStore(n: number) {
  const now = Date.now();
  let state = initialLiveData();
  state = {
    ...state,
    hazards: new Map(Array.from({ length: n }, (_, i) => [`ent:h${i}`, hazard(i, i)])),
    readings: new Map(Array.from({ length: n }, (_, i) => [`ent:h${i}-s0`, reading(i, now, 50)])),
  };
  let states = rebuildLayers(state, now, undefined);
  const applyEventsMs: number[] = [];
  const applyTelemetryMs: number[] = [];
  const rebuildMs: number[] = [];
  for (let round = 0; round < 15; round++) {
    const events: StampedEvent[] = Array.from({ length: 1_000 }, (_, j) => ({
      id: `${1_000_000 + round * 1_000 + j}-0`,
      kind: 'hazard',
      op: 'upsert',
      data: hazard((round * 1_000 + j) % n, n + round * 1_000 + j),
    }));
    let started = performance.now();
    state = applyEvents(state, { events }, now);
    applyEventsMs.push(performance.now() - started);

    // A telemetry frame of 1,000 readings, a few of them crossing into an alarm.
    const readings = Array.from({ length: 1_000 }, (_, j) =>
      reading((round * 7_919 + j * 13) % n, now + round + 1, j % 50 === 0 ? 97 : 50),
    );
    started = performance.now();
    state = applyTelemetry(state, { readings, positions: [] }, now);
    applyTelemetryMs.push(performance.now() - started);

    started = performance.now();
    states = rebuildLayers(state, now + round + 1, states);
    rebuildMs.push(performance.now() - started);
  }
  return {
    entities: n,
    applyEventsMs: median(applyEventsMs),
    applyTelemetryMs: median(applyTelemetryMs),
    rebuildLayersMs: median(rebuildMs),
  };
}
