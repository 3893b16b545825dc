import {
  Alarm,
  OFFLINE_INTERVALS,
  Sensor,
  agencyOf,
  evaluateLiveness,
  type LivenessInput,
} from '@cc/shared';
import { commit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { offlineAlarmOps } from './offline-ops';

/** Re-read every sensor at least this often even when no definition changed: a safety net. */
const FULL_READ_MS = 5 * 60_000;
/** How often sensors never heard from are asked about again (see `candidates`). */
const NEVER_HEARD_MS = 10_000;

const times = (hash: Record<string, string>) => {
  const map = new Map<string, number>();
  for (const id in hash) map.set(id, Number(hash[id]));
  return map;
};

/**
 * What one sweeper knows between passes: every sensor's definition, and when each was last heard
 * of. Last-heard times only grow (a late reading goes to history, not to `obs:reading`) and
 * definitions change only with a hazard version (which moves `keys.sensorDefs`), so a sensor whose
 * remembered deadline is still ahead is not silent: only the others are read again.
 */
interface Known {
  marker: string | null;
  readAt: number;
  /** When the sensors never heard from were last read back. */
  neverHeardAt: number;
  /** Every sensor's definition, by agency. */
  byAgency: Map<string, Sensor[]>;
  lastSeen: Map<string, number>;
  registeredAt: Map<string, number>;
}

async function readAll(ctx: FeedContext, marker: string | null): Promise<Known> {
  const { redis, keys } = ctx;
  const [sensorJson = {}, seen = {}, registered = {}] = (await redis
    .multi()
    .hGetAll(keys.state('sensor'))
    .hGetAll(keys.obs('reading'))
    .hGetAll(keys.obs('hazard'))
    .exec()) as unknown as Record<string, string>[];
  const byAgency = new Map<string, Sensor[]>();
  for (const id in sensorJson) {
    const json = sensorJson[id]!;
    // Parsed through ingest's memo when there is one: definitions rarely change.
    const sensor = ctx.stored?.sensor.parse(json) ?? Sensor.parse(JSON.parse(json));
    const agency = agencyOf(sensor.id);
    const list = byAgency.get(agency);
    if (list) list.push(sensor);
    else byAgency.set(agency, [sensor]);
  }
  return {
    marker,
    readAt: ctx.now(),
    neverHeardAt: ctx.now(),
    byAgency,
    lastSeen: times(seen),
    registeredAt: times(registered),
  };
}

/**
 * Sensors that may be silent by now: the remembered deadline has passed. A sensor never heard
 * from counts from its registration, but its first reading may be older than that and move its
 * deadline earlier: those sensors are also read back every NEVER_HEARD_MS, which bounds how late
 * such an alarm can be (and costs nothing once they have all reported).
 */
function candidates(known: Known, now: number): Sensor[] {
  const neverHeard = now - known.neverHeardAt >= NEVER_HEARD_MS;
  if (neverHeard) known.neverHeardAt = now;
  const out: Sensor[] = [];
  for (const sensors of known.byAgency.values()) {
    for (const sensor of sensors) {
      const seen = known.lastSeen.get(sensor.id);
      const since = seen ?? known.registeredAt.get(sensor.hazardId);
      if (since === undefined || (seen === undefined && neverHeard)) out.push(sensor);
      else if (now > since + sensor.interval * 1000 * OFFLINE_INTERVALS) out.push(sensor);
    }
  }
  return out;
}

/**
 * Raises and clears offline alarms: per silent sensor, or one for a whole silent feed (see
 * `evaluateLiveness`). Each agency's changes are one commit with a compare-and-set on its guard
 * in `obs:offline`, which readings of that agency also touch: when several workers sweep at
 * once, one wins and the others skip; a sweep that read before a reading arrived skips too.
 *
 * A pass reads only what may have changed the decision: the sensors past their remembered
 * deadline (few, normally none) and the active offline alarms, in one MULTI with the guards; every
 * definition only after a hazard changed one. At 8,000 sensors a pass that read everything held
 * ingest's event loop for tens of milliseconds each second, and every event arriving meanwhile
 * waited.
 */
export function createLivenessSweep(ctx: FeedContext) {
  const { redis, keys } = ctx;
  let known: Known | undefined;

  /** One pass; returns how many alarms it raised or cleared. */
  return async function sweepLiveness(): Promise<number> {
    const marker = await redis.hGet(keys.sensorDefs, 'last');
    if (!known || known.marker !== marker || ctx.now() - known.readAt > FULL_READ_MS) {
      known = await readAll(ctx, marker ?? null);
    }
    const now = ctx.now();
    const maybe = candidates(known, now);
    const ids = maybe.map((s) => s.id);
    const hazards = maybe.map((s) => s.hazardId);
    // One MULTI, so the guards are no newer than the times the decision is made on.
    const multi = redis.multi().hGetAll(keys.offline).hGetAll(keys.offlineGuard);
    // HMGET needs a field: with none to ask about, the guards and alarms are all that is read.
    if (maybe.length > 0) multi.hmGet(keys.obs('reading'), ids).hmGet(keys.obs('hazard'), hazards);
    const [index = {}, guardHash = {}, seenNow = [], registeredNow = []] =
      (await multi.exec()) as unknown as [
        Record<string, string>?,
        Record<string, string>?,
        (string | null)[]?,
        (string | null)[]?,
      ];
    maybe.forEach((sensor, i) => {
      const seen = seenNow[i];
      const registered = registeredNow[i];
      if (seen) known!.lastSeen.set(sensor.id, Number(seen));
      if (registered) known!.registeredAt.set(sensor.hazardId, Number(registered));
      else known!.registeredAt.delete(sensor.hazardId);
    });

    const subjects = Object.keys(index);
    const alarmJson = subjects.length
      ? await redis.hmGet(keys.state('alarm'), Object.values(index))
      : [];
    // Read after the MULTI: an alarm gone meanwhile and out of the index was cleared by a
    // reading the MULTI did not see (the guard may not have moved: readings touch it with their
    // observation time, which another reading of the agency may share). Deciding on that mix
    // would raise it again: this pass decides nothing. (Still indexed, it is a dangling entry.)
    if (alarmJson.some((json) => !json)) {
      const indexNow = await redis.hGetAll(keys.offline);
      if (subjects.some((subject, i) => !alarmJson[i] && indexNow[subject] !== index[subject])) {
        return 0;
      }
    }
    const active = new Map<string, Alarm>();
    subjects.forEach((subject, i) => {
      const json = alarmJson[i];
      if (json) active.set(subject, Alarm.parse(JSON.parse(json)));
    });

    // Only agencies with a sensor that may be silent or an alarm to reconsider can change.
    const agencies = new Set(maybe.map((s) => agencyOf(s.id)));
    for (const alarm of active.values()) agencies.add(alarm.agency);
    const input: LivenessInput = {
      now,
      sensors: [...agencies].flatMap((a) => known!.byAgency.get(a) ?? []),
      lastSeen: known.lastSeen,
      registeredAt: known.registeredAt,
      active,
    };
    const guards = times(guardHash);
    let written = 0;
    for (const change of evaluateLiveness(input)) {
      const stored = guards.get(change.agency) ?? null;
      const result = await commit(
        redis,
        {
          obsKey: keys.offlineGuard,
          id: change.agency,
          ts: Math.max(input.now, (stored ?? 0) + 1),
          expected: stored,
        },
        change.alarms.flatMap((a) => offlineAlarmOps(ctx, a)),
      );
      if (result.status === 'ok') written += change.alarms.length;
    }
    return written;
  };
}
