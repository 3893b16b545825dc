import { z } from 'zod';
import {
  FeedError,
  ReadingMessage,
  agencyOf,
  clearOffline,
  entityId,
  evaluateReading,
  type IssuePath,
  type Reading,
} from '@cc/shared';
import { prepareBatch, type BatchOp, type CommitCheck, type CommitUnit } from '@cc/shared/node';
import { loadBases, TRIM_EVERY, type Basis } from './sensor-state';
import { observedAt, validate } from './decode';
import { idOf } from './hazard';
import { appendEvent } from '../store/ops';
import { livenessTouchOp, offlineAlarmOps } from '../sweepers/offline-ops';
import {
  CAS_ATTEMPTS,
  FIRST_BATCH,
  type BatchOrder,
  type FeedContext,
  type FeedHandler,
  type Outcome,
} from './context';

/**
 * The reading schema with zod's compiled fast path (a generated validator; anything it does not
 * accept goes through the ordinary parser, so errors read the same): the hot path's validation.
 */
const READING = z.compile(ReadingMessage);

/** Outcomes of the hot path, shared: never changed once made. */
const APPLIED: Outcome = Object.freeze({ status: 'applied' });
const DUPLICATE: Outcome = Object.freeze({ status: 'duplicate' });
const LATE: Outcome = Object.freeze({ status: 'late' });

/** A valid reading, with where it came from: the `message` it was in and its path there. */
export interface ReadingItem {
  message: number;
  path: IssuePath;
  agency: string;
  sensorId: string;
  ts: number;
  value: number;
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
      const msg = validate(READING, item, path);
      const ts = observedAt(ctx, msg.ts, path, 'telemetry');
      const sensorId = entityId(agency, msg.id);
      readings.push({ index, item: { message, path, agency, sensorId, ts, value: msg.value } });
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      outcomes[index] = { status: 'rejected', error: err, ...idOf(item) };
    }
  }
  return { readings, outcomes };
}

/**
 * A point of a sensor's history: the JSON of [ts, value], spelled directly (a finite number's
 * JSON is its string). Points are pushed on the sensor's list as they are stored; readers put
 * them in time order (`historyPoints`).
 */
const historyPoint = (r: ReadingItem) => `[${r.ts},${r.value}]`;

interface Evaluated {
  unit: CommitUnit;
  outcomes: Outcome[];
  /** The reading stored as current, when any was applied. */
  latest?: Reading;
  /** The sensor's state once the unit is written: the next batch's basis. */
  next: Basis;
  /** Whether the unit moves what the risk assessor grades on: a level, or an alarm. */
  risky: boolean;
}

/**
 * One sensor's readings of a batch, in order, against its live state: each applied reading is
 * evaluated on the state the previous one left (alarms raised, changed, cleared in turn); one
 * that is not newer than the current one is a duplicate (same time) or late (history only).
 * The result is one unit, guarded by the observation time the state was read at.
 */
function evaluateSensor(ctx: FeedContext, basis: Basis, group: ReadingItem[]): Evaluated {
  const { keys, config } = ctx;
  const { live } = basis;
  const sensorId = live.sensor.id;
  const ops: BatchOp[] = [];
  // Applied readings are newer than the current one, so not in the history yet (but after the
  // sensor was registered anew: readers count a point stored twice once); a late one may be
  // there already (a message delivered again), so it is added only if it is not.
  const history: string[] = [];
  const late: string[] = [];
  const outcomes: Outcome[] = [];
  let current = live.prev;
  let alarm = live.alarm;
  let offline = live.offline;
  let applied = 0;
  let alarmed = false;
  for (const r of group) {
    if (current && current.ts >= r.ts) {
      outcomes.push(current.ts === r.ts ? DUPLICATE : LATE);
      if (current.ts !== r.ts) late.push(historyPoint(r));
      continue;
    }
    const { reading, alarms } = evaluateReading(
      live.sensor,
      r.agency,
      { reading: current, alarm },
      r.ts,
      r.value,
    );
    // Its telemetry entry `{ reading }` (TelemetryEntry), and the sensor's state: the last one
    // of the unit's applied readings is what the state holds.
    ops.push({
      op: 'telemetry',
      key: keys.state('reading'),
      stream: keys.telemetry,
      maxlen: config.TELEMETRY_MAXLEN,
      countKey: keys.telemetryAdded,
      name: 'reading',
      value: JSON.stringify(reading),
    });
    history.push(historyPoint(r));
    // A reading ends the sensor's offline alarm, in the same commit.
    if (offline) {
      ops.push(...offlineAlarmOps(ctx, clearOffline(offline, r.ts)));
      offline = undefined;
    }
    if (alarms.length > 0) alarmed = true;
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
    outcomes.push(APPLIED);
  }
  const points = history.length + late.length;
  const trim = points > 0 && basis.untrimmed + points >= TRIM_EVERY;
  if (points > 0) {
    ops.push({
      op: 'push',
      key: keys.series(sensorId),
      maxlen: config.SERIES_MAXLEN,
      trim,
      members: history,
      ifAbsent: late,
    });
  }
  const next: Basis = {
    live: { sensor: live.sensor },
    hazardObs: basis.hazardObs,
    offlineId: offline ? basis.offlineId : live.offline ? null : basis.offlineId,
    offlineObs: offline ? basis.offlineObs : null,
    alarmObs: alarm && alarm.id === live.alarm?.id ? basis.alarmObs : null,
    untrimmed: trim ? 0 : basis.untrimmed + points,
    valid: true,
  };
  if (current) next.live.prev = current;
  if (alarm) next.live.alarm = alarm;
  if (offline) next.live.offline = offline;
  // Written only on the state it was evaluated on: the latest reading (the guard), and the
  // versions of what others change (the hazard, the offline alarm, the alarm's acknowledgement).
  // Late and duplicate readings alone check the hazard: the sensor may have been removed.
  const hazardCheck: CommitCheck = {
    key: keys.obs('hazard'),
    field: live.sensor.hazardId,
    value: basis.hazardObs,
  };
  if (applied === 0 || !current) {
    return { unit: { checks: [hazardCheck], ops }, outcomes, next, risky: false };
  }
  const checks: CommitCheck[] = [
    hazardCheck,
    { key: keys.offline, field: sensorId, value: basis.offlineId },
  ];
  if (live.alarm)
    checks.push({ key: keys.obs('alarm'), field: live.alarm.id, value: basis.alarmObs });
  // The offline alarm this unit clears, as it was read (acknowledged or not).
  if (live.offline)
    checks.push({ key: keys.obs('alarm'), field: live.offline.id, value: basis.offlineObs });
  return {
    unit: {
      guard: {
        obsKey: keys.obs('reading'),
        id: sensorId,
        ts: current.ts,
        expected: live.prev?.ts ?? null,
      },
      checks,
      ops,
    },
    outcomes,
    latest: current,
    next,
    risky: alarmed || live.sensor.metric === 'level',
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
  order: BatchOrder = FIRST_BATCH,
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
      if (group.length <= from) continue;
      round.set(
        id,
        longest <= READINGS_PER_ROUND ? group : group.slice(from, from + READINGS_PER_ROUND),
      );
    }
    // Only the last round's writes let the next batch read and evaluate: before that, it would
    // evaluate on this batch's intermediate state, and this batch's later rounds on its.
    const last = from + READINGS_PER_ROUND >= longest;
    await writeRound(ctx, readings, round, outcomes, last ? order : { ...order, sent: () => {} });
  }
  return outcomes;
}

/** Readings of one sensor per round, at most. */
const READINGS_PER_ROUND = 1_000;

/**
 * One round: each sensor's readings in `groups` (indices into `readings`), written at once.
 * Sensors this worker knows are evaluated on their cached basis at once, the others are read
 * first. Each unit is written only if the state it was evaluated on still holds (its guard and
 * checks, in the script), so a sensor someone else changed meanwhile (another worker, the
 * liveness sweep, a new hazard version, an acknowledgement) fails alone and is evaluated again.
 * The next batch may already evaluate on what this one is about to write: if a write fails,
 * its basis is marked invalid and whatever was evaluated on it is evaluated again on fresh state.
 */
async function writeRound(
  ctx: FeedContext,
  readings: readonly ReadingItem[],
  groups: ReadonlyMap<string, number[]>,
  outcomes: Outcome[],
  order: BatchOrder,
): Promise<void> {
  const cache = ctx.stored?.bases;
  let pending = [...groups.keys()];
  for (let attempt = 0; attempt < CAS_ATTEMPTS && pending.length > 0; attempt++) {
    // A redo waits for the batch before to be stored: what failed may have failed because that
    // batch's write of the same sensor did, and is evaluated on it once it is there.
    await (attempt === 0 ? order.readAfter : order.writeAfter);
    const evaluated = new Map<string, { basis: Basis; result: Evaluated }>();
    const evaluate = (id: string, basis: Basis) =>
      evaluated.set(id, {
        basis,
        result: evaluateSensor(
          ctx,
          basis,
          groups.get(id)!.map((i) => readings[i]!),
        ),
      });
    const unknown: string[] = [];
    for (const id of pending) {
      const basis = attempt === 0 ? cache?.get(id) : undefined;
      if (basis) evaluate(id, basis);
      else unknown.push(id);
    }
    if (unknown.length > 0) {
      const loaded = await loadBases(ctx, unknown);
      for (const [id, basis] of loaded) if (!(basis instanceof Error)) evaluate(id, basis);
      for (const id of unknown) {
        if (!evaluated.has(id)) refuse(ctx, readings, groups.get(id)!, outcomes, loaded.get(id));
      }
    }
    // The next batch evaluates on what this one is about to write.
    for (const [id, { result }] of evaluated) cache?.set(id, result.next);

    // Encoded while the previous batch is being written.
    let units = [...evaluated.values()].map((e) => e.result.unit);
    let prepared = prepareBatch([...units, ...livenessTouches(ctx, evaluated)]);
    const redo: string[] = [];
    let results: Awaited<ReturnType<typeof prepared.send>>;
    try {
      // Written right behind the batch before (its writes are ahead on this connection), not
      // once it is stored: Redis never waits for ingest between batches. A unit evaluated on a
      // write of that batch that fails fails its own guard (it expects that write's observation
      // time) or checks, and is redone once that batch is stored.
      // A basis found invalid since it was evaluated on (a write of the batch before failed
      // while this one read unknown sensors): evaluate again, on fresh state.
      for (const [id, { basis }] of evaluated) {
        if (basis.valid) continue;
        evaluated.delete(id);
        cache?.drop(id);
        redo.push(id);
      }
      if (redo.length > 0) {
        units = [...evaluated.values()].map((e) => e.result.unit);
        prepared = prepareBatch([...units, ...livenessTouches(ctx, evaluated)]);
      }
      results = await prepared.send(ctx.redis, order.sent);
    } catch (err) {
      // Not written (the previous batch gave up, or Redis is unreachable): nothing may be
      // evaluated on what was not stored.
      for (const [id, { result }] of evaluated) {
        result.next.valid = false;
        cache?.drop(id);
      }
      throw err;
    }
    const ids = [...evaluated.keys()];
    results.slice(0, units.length).forEach((res, k) => {
      const id = ids[k]!;
      const { result } = evaluated.get(id)!;
      if (res.status !== 'ok') {
        result.next.valid = false;
        cache?.drop(id);
        redo.push(id);
        return;
      }
      groups.get(id)!.forEach((i, j) => (outcomes[i] = result.outcomes[j]!));
      if (result.risky) ctx.risk?.touch(result.next.live.sensor.hazardId);
    });
    pending = redo;
  }
  for (const id of pending) {
    const error = internalError(ctx, id, new Error(`sensor ${id}: too many concurrent writers`));
    for (const i of groups.get(id)!) outcomes[i] = { status: 'rejected', id, error };
  }
}

/** Readings change their agency's liveness: one touch per agency, after its sensors' units. */
function livenessTouches(
  ctx: FeedContext,
  evaluated: ReadonlyMap<string, { result: Evaluated }>,
): CommitUnit[] {
  const touched = new Map<string, number>();
  for (const { result } of evaluated.values()) {
    if (!result.latest) continue;
    const { id, ts } = result.latest;
    const agency = agencyOf(id);
    touched.set(agency, Math.max(touched.get(agency) ?? 0, ts));
  }
  return [...touched].map(([agency, ts]) => ({ ops: [livenessTouchOp(ctx, agency, ts)] }));
}

/** A sensor no hazard registers, or whose stored state does not parse: its readings are refused. */
function refuse(
  ctx: FeedContext,
  readings: readonly ReadingItem[],
  indices: readonly number[],
  outcomes: Outcome[],
  state: Basis | Error | undefined,
) {
  const error =
    state instanceof Error ? internalError(ctx, readings[indices[0]!]!.sensorId, state) : undefined;
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
