import {
  Alarm,
  FeedError,
  ReadingMessage,
  Sensor,
  Reading,
  clearOffline,
  entityId,
  evaluateReading,
  type IssuePath,
} from '@cc/shared';
import { commitBatch, type BatchOp, type CommitUnit } from '@cc/shared/node';
import { observedAt, validate } from './decode';
import { idOf } from './hazard';
import { appendEvent } from '../store/ops';
import { livenessTouchOp, offlineAlarmOps } from '../sweepers/offline-ops';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from './context';

/** A valid reading, with where it came from: the `message` it was in and its path there. */
export interface ReadingItem {
  message: number;
  path: IssuePath;
  agency: string;
  sensorId: string;
  ts: number;
  value: number;
}

/** What one sensor's readings are evaluated against: its definition and live state. */
interface Live {
  sensor: Sensor;
  prev?: Reading;
  alarm?: Alarm;
  offline?: Alarm;
}

/** Validates the items of one `sensor` message; refusals come back in `outcomes`. */
export function parseReadings(
  ctx: FeedContext,
  agency: string,
  items: readonly unknown[],
  batch: boolean,
  message: number,
): { readings: { index: number; item: ReadingItem }[]; outcomes: (Outcome | undefined)[] } {
  const outcomes: (Outcome | undefined)[] = new Array<Outcome | undefined>(items.length);
  const readings: { index: number; item: ReadingItem }[] = [];
  for (const [index, item] of items.entries()) {
    const path = batch ? [index] : [];
    try {
      const msg = validate(ReadingMessage, item, path);
      const ts = observedAt(ctx, msg.ts, path);
      const sensorId = entityId(agency, msg.id);
      readings.push({ index, item: { message, path, agency, sensorId, ts, value: msg.value } });
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      outcomes[index] = { status: 'rejected', error: err, ...idOf(item) };
    }
  }
  return { readings, outcomes };
}

function parseWith<T>(
  parse: ((json: string) => T) | undefined,
  schema: { parse: (v: unknown) => T },
  json: string | null | undefined,
): T | undefined {
  if (!json) return undefined;
  return parse ? parse(json) : schema.parse(JSON.parse(json));
}

/**
 * The live state of many sensors in two round trips: definitions, latest readings and offline
 * alarm ids, then the alarms those name. A sensor whose stored state does not parse gets the
 * error instead, so it fails alone.
 */
async function loadLive(ctx: FeedContext, ids: string[]): Promise<Map<string, Live | Error>> {
  const { redis, keys, stored } = ctx;
  const [sensors, readings, offlineIds] = await Promise.all([
    redis.hmGet(keys.state('sensor'), ids),
    redis.hmGet(keys.state('reading'), ids),
    redis.hmGet(keys.offline, ids),
  ]);
  const out = new Map<string, Live | Error>();
  const alarmIds = new Set<string>();
  ids.forEach((id, i) => {
    try {
      const sensor = parseWith(stored?.sensor.parse, Sensor, sensors[i]);
      if (!sensor) return;
      const prev = parseWith(stored?.reading.parse, Reading, readings[i]);
      out.set(id, { sensor, ...(prev ? { prev } : {}) });
      if (prev?.alarmId) alarmIds.add(prev.alarmId);
      if (offlineIds[i]) alarmIds.add(offlineIds[i]!);
    } catch (err) {
      out.set(id, err as Error);
    }
  });
  if (alarmIds.size === 0) return out;
  const names = [...alarmIds];
  const json = await redis.hmGet(keys.state('alarm'), names);
  const alarms = new Map<string, string | null>(names.map((name, i) => [name, json[i] ?? null]));
  ids.forEach((id, i) => {
    const live = out.get(id);
    if (!live || live instanceof Error) return;
    try {
      const alarm = parseWith(
        undefined,
        Alarm,
        live.prev?.alarmId && alarms.get(live.prev.alarmId),
      );
      const offline = parseWith(undefined, Alarm, offlineIds[i] && alarms.get(offlineIds[i]!));
      if (alarm) live.alarm = alarm;
      if (offline) live.offline = offline;
    } catch (err) {
      out.set(id, err as Error);
    }
  });
  return out;
}

/** Sensor history: scored by observation time, so a late or repeated reading lands once, in place. */
const historyPoint = (r: ReadingItem) => ({ score: r.ts, member: JSON.stringify([r.ts, r.value]) });

interface Evaluated {
  unit: CommitUnit;
  outcomes: Outcome[];
  /** The reading stored as current, and its JSON, when any was applied. */
  latest?: { reading: Reading; json: string };
}

/**
 * One sensor's readings of a batch, in order, against its live state: each applied reading is
 * evaluated on the state the previous one left (alarms raised, changed, cleared in turn); one
 * that is not newer than the current one is a duplicate (same time) or late (history only).
 * The result is one unit, guarded by the observation time the state was read at.
 */
function evaluateSensor(ctx: FeedContext, live: Live, group: ReadingItem[]): Evaluated {
  const { keys, config } = ctx;
  const sensorId = live.sensor.id;
  const ops: BatchOp[] = [];
  const history: { score: number; member: string }[] = [];
  const outcomes: Outcome[] = [];
  let current = live.prev;
  let alarm = live.alarm;
  let offline = live.offline;
  let applied = 0;
  let json = '';
  for (const r of group) {
    if (current && current.ts >= r.ts) {
      outcomes.push({ status: current.ts === r.ts ? 'duplicate' : 'late' });
      if (current.ts !== r.ts) history.push(historyPoint(r));
      continue;
    }
    const { reading, alarms } = evaluateReading(
      live.sensor,
      r.agency,
      { reading: current, alarm },
      r.ts,
      r.value,
    );
    json = JSON.stringify(reading);
    // The telemetry entry is `{ reading }` (TelemetryEntry), spelled around the JSON made once.
    ops.push({
      op: 'xadd',
      key: keys.telemetry,
      maxlen: config.TELEMETRY_MAXLEN,
      value: `{"reading":${json}}`,
    });
    history.push(historyPoint(r));
    // A reading ends the sensor's offline alarm, in the same commit.
    if (offline) {
      ops.push(...offlineAlarmOps(ctx, clearOffline(offline, r.ts)));
      offline = undefined;
    }
    for (const a of alarms) {
      ops.push(
        a.status === 'active'
          ? { op: 'hset', key: keys.state('alarm'), field: a.id, value: JSON.stringify(a) }
          : { op: 'hdel', key: keys.state('alarm'), field: a.id },
        appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: a }),
      );
    }
    alarm = reading.alarmId ? (alarms.find((a) => a.id === reading.alarmId) ?? alarm) : undefined;
    current = reading;
    applied++;
    outcomes.push({ status: 'applied' });
  }
  if (history.length > 0) {
    ops.push({
      op: 'zaddMany',
      key: keys.series(sensorId),
      maxlen: config.SERIES_MAXLEN,
      members: history,
    });
  }
  if (applied === 0 || !current) return { unit: { ops }, outcomes };
  ops.push({ op: 'hset', key: keys.state('reading'), field: sensorId, value: json });
  return {
    unit: {
      guard: {
        obsKey: keys.obs('reading'),
        id: sensorId,
        ts: current.ts,
        expected: live.prev?.ts ?? null,
      },
      ops,
    },
    outcomes,
    latest: { reading: current, json },
  };
}

/**
 * Writes the readings of many messages at once: each sensor's state is read once, its readings
 * evaluated in order, and every sensor's writes go to Redis in one script call per few hundred
 * sensors. A sensor written meanwhile by someone else (another worker) fails its guard alone and
 * is read and evaluated again. Readings of one sensor keep their order: messages in the order
 * given, and by observation time within a message. Returns one outcome per reading, in order.
 */
export async function writeReadings(
  ctx: FeedContext,
  readings: readonly ReadingItem[],
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(readings.length);
  const groups = new Map<string, number[]>();
  readings.forEach((r, i) => {
    const group = groups.get(r.sensorId);
    if (group) group.push(i);
    else groups.set(r.sensorId, [i]);
  });
  for (const group of groups.values()) {
    group.sort(
      (a, b) => readings[a]!.message - readings[b]!.message || readings[a]!.ts - readings[b]!.ts,
    );
  }
  // A sensor with a backlog (a gateway replaying its buffer) goes in rounds of bounded size, so
  // no single write grows without limit; rounds run in order, so its readings keep theirs.
  const longest = Math.max(0, ...[...groups.values()].map((g) => g.length));
  for (let from = 0; from < longest; from += READINGS_PER_ROUND) {
    const round = new Map<string, number[]>();
    for (const [id, group] of groups) {
      if (group.length > from) round.set(id, group.slice(from, from + READINGS_PER_ROUND));
    }
    await writeRound(ctx, readings, round, outcomes);
  }
  return outcomes;
}

/** Readings of one sensor per round, at most. */
const READINGS_PER_ROUND = 1_000;

/** One round: each sensor's readings in `groups` (indices into `readings`), written at once. */
async function writeRound(
  ctx: FeedContext,
  readings: readonly ReadingItem[],
  groups: ReadonlyMap<string, number[]>,
  outcomes: Outcome[],
): Promise<void> {
  let pending = [...groups.keys()];
  for (let attempt = 0; attempt < CAS_ATTEMPTS && pending.length > 0; attempt++) {
    const live = await loadLive(ctx, pending);
    const units: CommitUnit[] = [];
    const evaluated: { id: string; result: Evaluated }[] = [];
    for (const id of pending) {
      const indices = groups.get(id)!;
      const state = live.get(id);
      if (state === undefined || state instanceof Error) {
        const error = state ? internalError(ctx, id, state) : undefined;
        for (const i of indices) {
          const r = readings[i]!;
          outcomes[i] = {
            status: 'rejected',
            id: r.sensorId,
            error:
              error ??
              new FeedError(
                'feed.unknown_sensor',
                `${[...r.path, 'id'].join('.')}: no hazard registers sensor ${r.sensorId}`,
                [...r.path, 'id'],
              ),
          };
        }
        continue;
      }
      const result = evaluateSensor(
        ctx,
        state,
        indices.map((i) => readings[i]!),
      );
      units.push(result.unit);
      evaluated.push({ id, result });
    }
    // Readings change their agency's liveness: one touch per agency, after its sensors' units.
    const touched = new Map<string, number>();
    for (const { result } of evaluated) {
      if (!result.latest) continue;
      const agency = result.latest.reading.id.slice(0, result.latest.reading.id.indexOf(':'));
      touched.set(agency, Math.max(touched.get(agency) ?? 0, result.latest.reading.ts));
    }
    const touches: CommitUnit[] = [...touched].map(([agency, ts]) => ({
      ops: [livenessTouchOp(ctx, agency, ts)],
    }));
    const results = await commitBatch(ctx.redis, [...units, ...touches]);
    const retry: string[] = [];
    results.slice(0, units.length).forEach((res, k) => {
      const { id, result } = evaluated[k]!;
      if (res.status !== 'ok') {
        retry.push(id);
        return;
      }
      groups.get(id)!.forEach((i, j) => (outcomes[i] = result.outcomes[j]!));
      if (result.latest) ctx.stored?.reading.remember(result.latest.json, result.latest.reading);
    });
    pending = retry;
  }
  for (const id of pending) {
    const error = internalError(ctx, id, new Error(`sensor ${id}: too many concurrent writers`));
    for (const i of groups.get(id)!) outcomes[i] = { status: 'rejected', id, error };
  }
}

/** Unreadable stored state or a lost race: the readings are refused, the operators told. */
function internalError(ctx: FeedContext, sensorId: string, err: Error): FeedError {
  ctx.log.error({ err, sensorId }, 'readings could not be applied');
  return new FeedError('feed.internal', `internal error: ${err.message.slice(0, 200)}`);
}

/**
 * `sensor`: readings of registered sensors. Readings of one sensor in one message are written in
 * time order; the subscriber's batches go through `parseReadings` and `writeReadings` directly.
 */
export const handleReadings: FeedHandler = async (ctx, agency, items, batch) => {
  const { readings, outcomes } = parseReadings(ctx, agency, items, batch, 0);
  const written = await writeReadings(
    ctx,
    readings.map((r) => r.item),
  );
  readings.forEach((r, k) => (outcomes[r.index] = written[k]!));
  return outcomes as Outcome[];
};
