import { Alarm, Sensor, evaluateLiveness, type LivenessInput } from '@cc/shared';
import { commit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { offlineAlarmOps } from './offline-ops';

const times = (hash: Record<string, string>) =>
  new Map(Object.entries(hash).map(([id, ms]) => [id, Number(ms)]));

/** Reads what the liveness decision needs in one MULTI, so the parts agree with each other. */
async function readLiveness(ctx: FeedContext) {
  const { redis, keys } = ctx;
  const replies = (await redis
    .multi()
    .hGetAll(keys.state('sensor'))
    .hGetAll(keys.obs('reading'))
    .hGetAll(keys.obs('hazard'))
    .hGetAll(keys.offline)
    .hGetAll(keys.offlineGuard)
    .exec()) as unknown as Record<string, string>[];
  const [sensors = {}, seen = {}, registered = {}, index = {}, guards = {}] = replies;
  const subjects = Object.keys(index);
  const alarmJson = subjects.length
    ? await redis.hmGet(keys.state('alarm'), Object.values(index))
    : [];
  const active = new Map<string, Alarm>();
  subjects.forEach((subject, i) => {
    const json = alarmJson[i];
    if (json) active.set(subject, Alarm.parse(JSON.parse(json)));
  });
  const input: LivenessInput = {
    now: ctx.now(),
    // Parsed through ingest's memo when there is one: every sensor, every sweep, adds up.
    sensors: Object.values(sensors).map(
      (json) => ctx.stored?.sensor.parse(json) ?? Sensor.parse(JSON.parse(json)),
    ),
    lastSeen: times(seen),
    registeredAt: times(registered),
    active,
  };
  return { input, guards: times(guards) };
}

/**
 * Raises and clears offline alarms: per silent sensor, or one for a whole silent feed (see
 * `evaluateLiveness`). Each agency's changes are one commit with a compare-and-set on its guard
 * in `obs:offline`, which readings of that agency also touch: when several workers sweep at
 * once, one wins and the others skip; a sweep that read before a reading arrived skips too.
 * Returns how many alarms it raised or cleared.
 */
export async function sweepLiveness(ctx: FeedContext): Promise<number> {
  const { input, guards } = await readLiveness(ctx);
  let written = 0;
  for (const change of evaluateLiveness(input)) {
    const stored = guards.get(change.agency) ?? null;
    const result = await commit(
      ctx.redis,
      {
        obsKey: ctx.keys.offlineGuard,
        id: change.agency,
        ts: Math.max(input.now, (stored ?? 0) + 1),
        expected: stored,
      },
      change.alarms.flatMap((a) => offlineAlarmOps(ctx, a)),
    );
    if (result.status === 'ok') written += change.alarms.length;
  }
  return written;
}
