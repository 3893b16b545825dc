import { performance } from 'node:perf_hooks';
import type { Hazard, StampedEvent } from '@cc/shared';
import { applyEvents, initialLiveData } from '../client/src/store/live-reducers';

function hazard(i: number): Hazard {
  return {
    id: `ent:h${i}`,
    agency: 'ent',
    name: `危险源 ${i}`,
    enterprise: '某化工',
    grade: 1 + (i % 4),
    chemicals: [],
    location: [119.5 + (i % 1000) / 1000, 31.5 + Math.floor(i / 1000) / 1000],
    sensors: [],
    ts: i,
  };
}

/** Median time (ms) to apply a batch of 1,000 hazard upserts to a store holding `n` hazards. */
export function benchClientStore(n: number): number {
  let state = initialLiveData();
  state = {
    ...state,
    hazards: new Map(Array.from({ length: n }, (_, i) => [`ent:h${i}`, hazard(i)])),
  };
  const times: number[] = [];
  for (let round = 0; round < 15; round++) {
    const events: StampedEvent[] = Array.from({ length: 1_000 }, (_, j) => ({
      id: `${1_000_000 + round * 1_000 + j}-0`,
      kind: 'hazard',
      op: 'upsert',
      data: { ...hazard((round * 1_000 + j) % n), ts: round * 1_000 + j + n },
    }));
    const started = performance.now();
    state = applyEvents(state, { events }, 0);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
