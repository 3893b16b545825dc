import { Alarm, Reading, Sensor } from '@cc/shared';
import type { FeedContext } from './context';

/** What one sensor's readings are evaluated against: its definition and live state. */
export interface Live {
  sensor: Sensor;
  prev?: Reading;
  alarm?: Alarm;
  offline?: Alarm;
}

/**
 * A sensor's live state as this worker last read or wrote it, with the stored versions of what
 * others may change behind its back: the hazard (thresholds, the sensor itself), the sensor's
 * offline alarm (the liveness sweeper) and its threshold alarm (acknowledged by commanders).
 * A write evaluated on it checks them in the script (`CommitUnit.checks`). The latest reading
 * needs no version: every write is guarded by its observation time.
 */
export interface Basis {
  live: Live;
  hazardObs: string | null;
  offlineId: string | null;
  /** The offline alarm's version (a commander may acknowledge it), when there is one. */
  offlineObs: string | null;
  alarmObs: string | null;
  /**
   * History points this worker added to the sensor's series since it last trimmed it (a basis
   * read from Redis counts as due): the trim goes with the write that brings it to `TRIM_EVERY`,
   * so a series holds fewer than `SERIES_MAXLEN` + `TRIM_EVERY` points per worker.
   */
  untrimmed: number;
  /** False once the write that produced it failed: what was evaluated on it is redone. */
  valid: boolean;
}

/** A sensor's history is trimmed to `SERIES_MAXLEN` with every this many of a worker's writes. */
export const TRIM_EVERY = 16;

/**
 * Bases by sensor id, kept across batches so a sensor that reports again is evaluated without
 * reading its state back: its write checks the versions. Bounded: the oldest entries go first.
 */
export function createBasisCache(limit: number) {
  const bases = new Map<string, Basis>();
  return {
    get(id: string): Basis | undefined {
      const basis = bases.get(id);
      return basis?.valid ? basis : undefined;
    },
    set(id: string, basis: Basis) {
      bases.delete(id);
      bases.set(id, basis);
      if (bases.size > limit) {
        let drop = Math.ceil(limit / 10);
        for (const key of bases.keys()) {
          if (drop-- <= 0) break;
          bases.delete(key);
        }
      }
    },
    /** The write built on `basis` failed: neither it nor what it replaced may be trusted. */
    drop(id: string) {
      const basis = bases.get(id);
      if (basis) basis.valid = false;
      bases.delete(id);
    },
  };
}
export type BasisCache = ReturnType<typeof createBasisCache>;

function parseWith<T>(
  parse: ((json: string) => T) | undefined,
  schema: { parse: (v: unknown) => T },
  json: string | null | undefined,
): T | undefined {
  if (!json) return undefined;
  return parse ? parse(json) : schema.parse(JSON.parse(json));
}

const at = <T>(list: readonly (T | null | undefined)[], i: number): T | null => list[i] ?? null;

/**
 * The bases of many sensors read from Redis: latest readings and offline alarm ids first, then
 * in one MULTI the hazards' versions, the definitions and the alarms with their versions (each
 * version read with what it versions). A sensor whose stored state does not parse gets the error
 * instead, so it fails alone; one that no hazard registers is absent.
 */
export async function loadBases(
  ctx: FeedContext,
  ids: readonly string[],
): Promise<Map<string, Basis | Error>> {
  const { redis, keys, stored } = ctx;
  const [sensorJson, readings, offlineIds] = await Promise.all([
    redis.hmGet(keys.state('sensor'), [...ids]),
    redis.hmGet(keys.state('reading'), [...ids]),
    redis.hmGet(keys.offline, [...ids]),
  ]);
  const out = new Map<string, Basis | Error>();
  const hazardOf = new Map<string, string>();
  const alarmIds = new Set<string>();
  const prevs = new Map<string, Reading | undefined>();
  ids.forEach((id, i) => {
    try {
      const sensor = parseWith(stored?.sensor.parse, Sensor, sensorJson[i]);
      if (!sensor) return;
      const prev = parseWith(stored?.reading.parse, Reading, readings[i]);
      hazardOf.set(id, sensor.hazardId);
      prevs.set(id, prev);
      if (prev?.alarmId) alarmIds.add(prev.alarmId);
      if (offlineIds[i]) alarmIds.add(offlineIds[i]!);
    } catch (err) {
      out.set(id, err as Error);
    }
  });
  const known = ids.filter((id) => hazardOf.has(id));
  const position = new Map(ids.map((id, i) => [id, i]));
  if (known.length === 0) return out;
  const hazards = [...new Set(hazardOf.values())];
  const alarms = [...alarmIds];
  const multi = redis.multi().hmGet(keys.obs('hazard'), hazards).hmGet(keys.state('sensor'), known);
  if (alarms.length > 0) multi.hmGet(keys.obs('alarm'), alarms).hmGet(keys.state('alarm'), alarms);
  const replies = (await multi.exec()) as unknown as (string | null)[][];
  const [hazardObs = [], sensors = [], alarmObs = [], alarmJson = []] = replies;
  const hazardVersion = new Map(hazards.map((h, i) => [h, at(hazardObs, i)]));
  const alarmVersion = new Map(alarms.map((a, i) => [a, at(alarmObs, i)]));
  const alarmText = new Map(alarms.map((a, i) => [a, at(alarmJson, i)]));
  known.forEach((id, k) => {
    try {
      // The definition read with its hazard's version, not the one read before it.
      const sensor = parseWith(stored?.sensor.parse, Sensor, sensors[k]);
      if (!sensor) return;
      const prev = prevs.get(id);
      const offlineId = at(offlineIds, position.get(id)!);
      const alarm = parseWith(undefined, Alarm, prev?.alarmId && alarmText.get(prev.alarmId));
      const offline = parseWith(undefined, Alarm, offlineId && alarmText.get(offlineId));
      const live: Live = { sensor };
      if (prev) live.prev = prev;
      if (alarm) live.alarm = alarm;
      if (offline) live.offline = offline;
      out.set(id, {
        live,
        hazardObs: hazardVersion.get(sensor.hazardId) ?? null,
        offlineId,
        offlineObs: offline ? (alarmVersion.get(offline.id) ?? null) : null,
        alarmObs: alarm ? (alarmVersion.get(alarm.id) ?? null) : null,
        untrimmed: TRIM_EVERY,
        valid: true,
      });
    } catch (err) {
      out.set(id, err as Error);
    }
  });
  return out;
}
