import { offlineSubject, type Alarm } from '@cc/shared';
import type { CommitOp } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';

/**
 * Writes an offline alarm raised or cleared: the alarm state, the subject's index entry (sensor
 * or agency → active offline alarm id) and the event. Shared by the liveness sweeper and the
 * reading handler, which clears a sensor's offline alarm in the same commit as its reading.
 */
export function offlineAlarmOps(ctx: FeedContext, alarm: Alarm): CommitOp[] {
  const { keys } = ctx;
  const subject = offlineSubject(alarm);
  const event = appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm });
  return alarm.status === 'active'
    ? [
        putJson(keys.state('alarm'), alarm.id, alarm),
        { op: 'hset', key: keys.offline, field: subject, value: alarm.id },
        event,
      ]
    : [
        { op: 'hdel', key: keys.state('alarm'), field: alarm.id },
        { op: 'hdel', key: keys.offline, field: subject },
        event,
      ];
}

/**
 * Marks an agency's liveness as changed by a reading, so a sweep that decided on older data
 * loses its compare-and-set instead of raising an alarm the reading has just made wrong.
 */
export function livenessTouchOp(ctx: FeedContext, agency: string, ts: number): CommitOp {
  return { op: 'hset', key: ctx.keys.offlineGuard, field: agency, value: String(ts) };
}

/**
 * Marks the sensor definitions as changed (a hazard registered, changed or re-registered): every
 * liveness sweeper re-reads them on its next pass.
 */
export function sensorDefsChangedOp(ctx: FeedContext, hazardId: string, ts: number): CommitOp {
  return { op: 'hset', key: ctx.keys.sensorDefs, field: 'last', value: `${hazardId}@${ts}` };
}
