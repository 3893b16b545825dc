import { Alarm, Hazard, ORIGIN_EVENT_ID, Reading, type Snapshot } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';

function values<T>(hash: Record<string, string>, schema: { parse: (v: unknown) => T }): T[] {
  return Object.values(hash).map((json) => schema.parse(JSON.parse(json)));
}

/**
 * The whole picture and the id of the last event it reflects, read in one MULTI: ingest writes
 * state and appends the stream in one script, so the two always agree.
 */
export async function readSnapshot(redis: Redis, keys: Keys, now = Date.now()): Promise<Snapshot> {
  const [hazards, readings, alarms, last] = (await redis
    .multi()
    .hGetAll(keys.state('hazard'))
    .hGetAll(keys.state('reading'))
    .hGetAll(keys.state('alarm'))
    .xRevRange(keys.events, '+', '-', { COUNT: 1 })
    .exec()) as unknown as [
    Record<string, string>,
    Record<string, string>,
    Record<string, string>,
    { id: string }[],
  ];
  return {
    eventId: last[0]?.id ?? ORIGIN_EVENT_ID,
    at: now,
    hazards: values(hazards, Hazard),
    readings: values(readings, Reading),
    alarms: values(alarms, Alarm),
  };
}

/** Current readings only: sent to a client that resumed by replay, since telemetry is not replayed. */
export async function readReadings(redis: Redis, keys: Keys): Promise<Reading[]> {
  return values(await redis.hGetAll(keys.state('reading')), Reading);
}
