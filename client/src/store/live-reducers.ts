import { compareStreamIds, ORIGIN_EVENT_ID } from '@cc/shared';
import type { Alarm, EventBatch, Hazard, Reading, Snapshot, TelemetryFrame } from '@cc/shared';

/** Entities by id. Maps are never mutated once in the store: a change replaces the map. */
export interface EntitiesSlice {
  hazards: ReadonlyMap<string, Hazard>;
  /** Latest reading per sensor id. */
  readings: ReadonlyMap<string, Reading>;
  /** Active alarms only: a cleared alarm leaves the map. */
  alarms: ReadonlyMap<string, Alarm>;
}

export interface LiveSlice {
  /** The last event applied (null before the first snapshot or event). */
  lastEventId: string | null;
  /** Server time of the last snapshot, epoch ms. */
  snapshotAt: number | null;
  /** Client clock when the last message of any kind arrived, epoch ms. */
  lastMessageAt: number | null;
}

export type LiveData = EntitiesSlice & LiveSlice;

export function initialLiveData(): LiveData {
  return {
    hazards: new Map(),
    readings: new Map(),
    alarms: new Map(),
    lastEventId: null,
    snapshotAt: null,
    lastMessageAt: null,
  };
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** Replaces the whole picture with a snapshot and resumes from the event it reflects. */
export function applySnapshot<S extends LiveData>(
  state: S,
  snapshot: Snapshot,
  receivedAt: number,
): S {
  return {
    ...state,
    hazards: byId(snapshot.hazards),
    readings: byId(snapshot.readings),
    alarms: byId(snapshot.alarms.filter((a) => a.status === 'active')),
    lastEventId: snapshot.eventId,
    snapshotAt: snapshot.at,
    lastMessageAt: receivedAt,
  };
}

/**
 * Applies, in order, the events newer than `lastEventId` (a replay after reconnect may repeat
 * some). Each map that changes is copied once per batch; untouched maps keep their identity so
 * the layers drawn from them are not rebuilt.
 */
export function applyEvents<S extends LiveData>(
  state: S,
  batch: EventBatch,
  receivedAt: number,
): S {
  let last = state.lastEventId;
  let hazards: Map<string, Hazard> | null = null;
  let alarms: Map<string, Alarm> | null = null;
  for (const event of batch.events) {
    if (compareStreamIds(event.id, last ?? ORIGIN_EVENT_ID) <= 0) continue;
    last = event.id;
    switch (event.kind) {
      case 'hazard':
        (hazards ??= new Map(state.hazards)).set(event.data.id, event.data);
        break;
      case 'alarm': {
        const alarm = event.data;
        if (alarm.status === 'cleared') {
          if ((alarms ?? state.alarms).has(alarm.id))
            (alarms ??= new Map(state.alarms)).delete(alarm.id);
        } else {
          (alarms ??= new Map(state.alarms)).set(alarm.id, alarm);
        }
        break;
      }
      default: {
        const unknown: never = event;
        console.warn('live: ignoring event of unknown kind', unknown);
      }
    }
  }
  return {
    ...state,
    ...(hazards && { hazards }),
    ...(alarms && { alarms }),
    lastEventId: last,
    lastMessageAt: receivedAt,
  };
}

/** Latest wins: a reading older than the stored one for its sensor is dropped. */
export function applyTelemetry<S extends LiveData>(
  state: S,
  frame: TelemetryFrame,
  receivedAt: number,
): S {
  let readings: Map<string, Reading> | null = null;
  for (const reading of frame.readings) {
    const stored = (readings ?? state.readings).get(reading.id);
    if (stored && reading.ts < stored.ts) continue;
    (readings ??= new Map(state.readings)).set(reading.id, reading);
  }
  return { ...state, ...(readings && { readings }), lastMessageAt: receivedAt };
}
