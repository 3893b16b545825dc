import { hazardState } from '@cc/shared';
import type { Alarm, Hazard, HazardState, Reading } from '@cc/shared';

export type HazardStates = ReadonlyMap<string, HazardState>;

export function isAlarmState(state: HazardState | undefined): boolean {
  return state === 'high' || state === 'highhigh';
}

/**
 * The live state of every hazard at `now`. Returns `prev` itself when nothing changed, so a layer
 * can use the result as an update trigger and skip recolouring on a quiet telemetry frame.
 */
export function deriveHazardStates(
  hazards: ReadonlyMap<string, Hazard>,
  readings: ReadonlyMap<string, Reading>,
  now: number,
  prev?: HazardStates,
): HazardStates {
  const next = new Map<string, HazardState>();
  let same = prev !== undefined && prev.size === hazards.size;
  for (const hazard of hazards.values()) {
    const state = hazardState(hazard, readings, now);
    next.set(hazard.id, state);
    if (same && prev?.get(hazard.id) !== state) same = false;
  }
  return same && prev ? prev : next;
}

export interface HazardCounts {
  total: number;
  inAlarm: number;
  offline: number;
}

export function countHazards(states: HazardStates): HazardCounts {
  let inAlarm = 0;
  let offline = 0;
  for (const state of states.values()) {
    if (isAlarmState(state)) inAlarm += 1;
    else if (state === 'offline') offline += 1;
  }
  return { total: states.size, inAlarm, offline };
}

/** Active alarms, most recently raised first (ties broken by id for a stable order). */
export function alarmsNewestFirst(alarms: ReadonlyMap<string, Alarm>): Alarm[] {
  return [...alarms.values()].sort((a, b) => b.raisedAt - a.raisedAt || a.id.localeCompare(b.id));
}

/** No message for this long while connected marks the picture as stale. */
export const STALE_AFTER_MS = 5000;

/**
 * Whether a connected client's data is stale: nothing has arrived for `staleAfterMs`, counting
 * from the later of the last message and the moment the connection came up.
 */
export function isStale(
  connection: { state: string; since: number },
  lastMessageAt: number | null,
  now: number,
  staleAfterMs: number = STALE_AFTER_MS,
): boolean {
  if (connection.state !== 'live') return false;
  return now - Math.max(lastMessageAt ?? 0, connection.since) > staleAfterMs;
}

/** Why a wall's picture may not be current, or null when it is. */
export type Staleness = 'offline' | 'silent' | 'behind' | null;

/**
 * Whether the wall may show old data: not connected; connected but nothing (not even a
 * heartbeat) for `staleAfterMs`; or the server says it cannot read the event stream.
 */
export function wallStaleness(
  connection: { state: string; since: number },
  lastMessageAt: number | null,
  serverTail: boolean,
  now: number,
  staleAfterMs: number,
): Staleness {
  if (connection.state !== 'live') return 'offline';
  if (now - Math.max(lastMessageAt ?? 0, connection.since) > staleAfterMs) return 'silent';
  if (!serverTail) return 'behind';
  return null;
}
