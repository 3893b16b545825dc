import {
  Alarm,
  FeedError,
  Reading,
  ReadingMessage,
  Sensor,
  clearOffline,
  entityId,
  evaluateReading,
  type TelemetryEntry,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { observedAt, validate } from './decode';
import { idOf } from './hazard';
import { appendEvent, putJson } from '../store/ops';
import { livenessTouchOp, offlineAlarmOps } from '../sweepers/offline-ops';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from './context';

interface Valid {
  index: number;
  path: number[];
  sensorId: string;
  ts: number;
  value: number;
}

function parseJson<T>(schema: { parse: (v: unknown) => T }, json: string | null | undefined) {
  return json ? schema.parse(JSON.parse(json)) : undefined;
}

async function writeReading(ctx: FeedContext, r: Valid): Promise<Outcome> {
  const { redis, keys } = ctx;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [sensorJson, readingJson, offlineId] = await Promise.all([
      redis.hGet(keys.state('sensor'), r.sensorId),
      redis.hGet(keys.state('reading'), r.sensorId),
      redis.hGet(keys.offline, r.sensorId),
    ]);
    const sensor = parseJson(Sensor, sensorJson);
    if (!sensor) {
      throw new FeedError(
        'feed.unknown_sensor',
        `${[...r.path, 'id'].join('.')}: no hazard registers sensor ${r.sensorId}`,
        [...r.path, 'id'],
      );
    }
    const prev = parseJson(Reading, readingJson);
    if (prev && prev.ts >= r.ts) return lateOrDuplicate(ctx, r, prev.ts);
    const alarm = prev?.alarmId
      ? parseJson(Alarm, await redis.hGet(keys.state('alarm'), prev.alarmId))
      : undefined;

    const agency = r.sensorId.slice(0, r.sensorId.indexOf(':'));
    const { reading, alarms } = evaluateReading(
      sensor,
      agency,
      { reading: prev, alarm },
      r.ts,
      r.value,
    );
    const ops: CommitOp[] = [
      putJson(keys.state('reading'), r.sensorId, reading),
      {
        op: 'xadd',
        key: keys.telemetry,
        maxlen: ctx.config.TELEMETRY_MAXLEN,
        value: JSON.stringify({ reading } satisfies TelemetryEntry),
      },
      seriesOp(ctx, r),
    ];
    // A reading ends the sensor's offline alarm, in the same commit.
    const offline = offlineId
      ? parseJson(Alarm, await redis.hGet(keys.state('alarm'), offlineId))
      : undefined;
    if (offline) ops.push(...offlineAlarmOps(ctx, clearOffline(offline, r.ts)));
    ops.push(livenessTouchOp(ctx, agency, r.ts));
    for (const a of alarms) {
      ops.push(
        a.status === 'active'
          ? putJson(keys.state('alarm'), a.id, a)
          : { op: 'hdel', key: keys.state('alarm'), field: a.id },
        appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: a }),
      );
    }
    const result = await commit(
      redis,
      { obsKey: keys.obs('reading'), id: r.sensorId, ts: r.ts, expected: prev?.ts ?? null },
      ops,
    );
    if (result.status === 'ok') return { status: 'applied' };
    if (result.status === 'stale') return lateOrDuplicate(ctx, r, result.stored ?? 0);
  }
  throw new Error(`sensor ${r.sensorId}: too many concurrent writers`);
}

/** Sensor history: scored by observation time, so a late or repeated reading lands once, in place. */
function seriesOp(ctx: FeedContext, r: Valid): CommitOp {
  return {
    op: 'zadd',
    key: ctx.keys.series(r.sensorId),
    maxlen: ctx.config.SERIES_MAXLEN,
    score: r.ts,
    member: JSON.stringify([r.ts, r.value]),
  };
}

/**
 * A reading older than the stored one arrived late (QoS 1 redelivery, a gateway's backlog): it
 * must not roll the current state or its alarms back, but it is history worth keeping.
 */
async function lateOrDuplicate(ctx: FeedContext, r: Valid, stored: number): Promise<Outcome> {
  if (stored === r.ts) return { status: 'duplicate' };
  const op = seriesOp(ctx, r) as Extract<CommitOp, { op: 'zadd' }>;
  await ctx.redis
    .multi()
    .zAdd(op.key, { score: op.score, value: op.member })
    .zRemRangeByRank(op.key, 0, -(op.maxlen + 1))
    .exec();
  return { status: 'late' };
}

/**
 * `sensor`: readings of registered sensors. Readings of different sensors are written
 * concurrently; readings of one sensor in one batch are written in time order.
 */
export const handleReadings: FeedHandler = async (ctx, agency, items, batch) => {
  const outcomes: Outcome[] = new Array<Outcome>(items.length);
  const bySensor = new Map<string, Valid[]>();
  for (const [index, item] of items.entries()) {
    const path = batch ? [index] : [];
    try {
      const msg = validate(ReadingMessage, item, path);
      const ts = observedAt(ctx, msg.ts, path);
      const sensorId = entityId(agency, msg.id);
      const valid: Valid = { index, path, sensorId, ts, value: msg.value };
      const group = bySensor.get(sensorId);
      if (group) group.push(valid);
      else bySensor.set(sensorId, [valid]);
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      outcomes[index] = { status: 'rejected', error: err, ...idOf(item) };
    }
  }
  await Promise.all(
    [...bySensor.values()].map(async (group) => {
      group.sort((a, b) => a.ts - b.ts);
      for (const r of group) {
        try {
          outcomes[r.index] = await writeReading(ctx, r);
        } catch (err) {
          if (!(err instanceof FeedError)) throw err;
          outcomes[r.index] = { status: 'rejected', error: err, id: r.sensorId };
        }
      }
    }),
  );
  return outcomes;
};
