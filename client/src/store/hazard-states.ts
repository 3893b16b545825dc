import { hazardState, OFFLINE_INTERVALS } from '@cc/shared';
import type { Hazard, HazardState, Reading } from '@cc/shared';
import { LayeredMap, layered } from './layered-map';

/** The live state of each hazard, and the hazards not in the normal state (usually few). */
export interface HazardStatesSlice {
  hazardStates: ReadonlyMap<string, HazardState>;
  /** Hazards in alarm or offline, with their state: what the map labels and draws on top. */
  flaggedHazards: ReadonlyMap<string, HazardState>;
}

/**
 * Keeps every hazard's live state current at the cost of what changed: readings re-evaluate
 * their own hazard, and each hazard is due for another look when its freshest reading would
 * turn stale (offline), so the once-a-second tick only touches hazards whose time has come.
 * Mutable indexes live here, outside the store; the maps it returns are immutable.
 */
export class HazardStateTracker {
  private sensorHazard = new Map<string, string>();
  /** Second (epoch s) → hazards whose freshness may end then. */
  private due = new Map<number, Set<string>>();
  private lastTick = 0;

  /** Everything from scratch (a snapshot). */
  reset(
    hazards: ReadonlyMap<string, Hazard>,
    readings: ReadonlyMap<string, Reading>,
    now: number,
  ): HazardStatesSlice {
    this.sensorHazard = new Map();
    this.due = new Map();
    this.lastTick = Math.floor(now / 1000);
    const states = new Map<string, HazardState>();
    const flagged = new Map<string, HazardState>();
    for (const hazard of hazards.values()) {
      for (const sensor of hazard.sensors) this.sensorHazard.set(sensor.id, hazard.id);
      const state = hazardState(hazard, readings, now);
      states.set(hazard.id, state);
      if (state !== 'normal') flagged.set(hazard.id, state);
      this.schedule(hazard, readings, now);
    }
    return { hazardStates: LayeredMap.from(states), flaggedHazards: LayeredMap.from(flagged) };
  }

  /** Re-evaluates the given hazards; returns the same maps when no state changed. */
  update(
    slice: HazardStatesSlice,
    hazardIds: Iterable<string>,
    hazards: ReadonlyMap<string, Hazard>,
    readings: ReadonlyMap<string, Reading>,
    now: number,
  ): HazardStatesSlice {
    const stateDraft = layered(slice.hazardStates).draft();
    const flaggedDraft = layered(slice.flaggedHazards).draft();
    const seen = new Set<string>();
    for (const id of hazardIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      const hazard = hazards.get(id);
      if (!hazard) {
        stateDraft.delete(id);
        flaggedDraft.delete(id);
        continue;
      }
      const state = hazardState(hazard, readings, now);
      if (stateDraft.get(id) !== state) stateDraft.set(id, state);
      if (state === 'normal') flaggedDraft.delete(id);
      else if (flaggedDraft.get(id) !== state) flaggedDraft.set(id, state);
      this.schedule(hazard, readings, now);
    }
    return { hazardStates: stateDraft.done(), flaggedHazards: flaggedDraft.done() };
  }

  /** Hazards (and their sensors) that changed: indexes them and re-evaluates them. */
  hazardsChanged(
    slice: HazardStatesSlice,
    ids: Iterable<string>,
    hazards: ReadonlyMap<string, Hazard>,
    readings: ReadonlyMap<string, Reading>,
    now: number,
  ): HazardStatesSlice {
    const list = [...ids];
    for (const id of list) {
      const hazard = hazards.get(id);
      if (hazard) for (const sensor of hazard.sensors) this.sensorHazard.set(sensor.id, id);
    }
    return this.update(slice, list, hazards, readings, now);
  }

  /** Readings that arrived: re-evaluates their hazards. */
  readingsChanged(
    slice: HazardStatesSlice,
    sensorIds: Iterable<string>,
    hazards: ReadonlyMap<string, Hazard>,
    readings: ReadonlyMap<string, Reading>,
    now: number,
  ): HazardStatesSlice {
    const ids: string[] = [];
    for (const sensorId of sensorIds) {
      const id = this.sensorHazard.get(sensorId);
      if (id !== undefined) ids.push(id);
    }
    return this.update(slice, ids, hazards, readings, now);
  }

  /** Time passed: re-evaluates hazards whose freshness may have ended by `now`. */
  tick(
    slice: HazardStatesSlice,
    hazards: ReadonlyMap<string, Hazard>,
    readings: ReadonlyMap<string, Reading>,
    now: number,
  ): HazardStatesSlice {
    const second = Math.floor(now / 1000);
    const ids: string[] = [];
    for (let s = this.lastTick; s <= second; s++) {
      const bucket = this.due.get(s);
      if (!bucket) continue;
      ids.push(...bucket);
      this.due.delete(s);
    }
    this.lastTick = second + 1;
    return ids.length === 0 ? slice : this.update(slice, ids, hazards, readings, now);
  }

  /** When the hazard's freshest reading turns stale, it is looked at again. */
  private schedule(hazard: Hazard, readings: ReadonlyMap<string, Reading>, now: number): void {
    let freshUntil = -Infinity;
    for (const sensor of hazard.sensors) {
      const r = readings.get(sensor.id);
      if (r) freshUntil = Math.max(freshUntil, r.ts + sensor.interval * 1000 * OFFLINE_INTERVALS);
    }
    if (freshUntil < now) return;
    // The next second after it ends (`hazardState` counts `now - ts <= bound` as fresh).
    const second = Math.max(Math.floor(freshUntil / 1000) + 1, this.lastTick);
    let bucket = this.due.get(second);
    if (!bucket) this.due.set(second, (bucket = new Set()));
    bucket.add(hazard.id);
  }
}
