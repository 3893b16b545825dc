import { Alarm, type Identity } from '@cc/shared';
import { commit } from '@cc/shared/node';
import { CAS_ATTEMPTS } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import type { CommandContext, CommandHandler, CommandOutcome } from './registry';

/** How the audit and the screen name who did something. */
export function actor(identity: Identity): string {
  return identity.name ?? identity.sub;
}

/** The alarm acknowledged by `by` at `at`. Pure. */
export function acknowledge(alarm: Alarm, by: string, at: number, note?: string): Alarm {
  return {
    ...alarm,
    updatedAt: at,
    acknowledged: note === undefined ? { by, at } : { by, at, note },
  };
}

/** The alarm with its disposal (处置反馈) recorded. Pure. */
export function dispose(alarm: Alarm, by: string, at: number, note: string): Alarm {
  return { ...alarm, updatedAt: at, disposal: { by, at, note } };
}

/**
 * Changes an alarm in `state:alarm` with a compare-and-set on `obs:alarm` (the alarm's command
 * time), so two commands on one alarm never overwrite each other.
 */
async function changeAlarm(
  ctx: CommandContext,
  alarmId: string,
  change: (alarm: Alarm, at: number) => Alarm,
): Promise<CommandOutcome> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [json, obs] = await Promise.all([
      ctx.redis.hGet(ctx.keys.state('alarm'), alarmId),
      ctx.redis.hGet(ctx.keys.obs('alarm'), alarmId),
    ]);
    if (!json) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no active alarm ${alarmId}`,
        path: ['alarmId'],
      };
    }
    const expected = obs === null ? null : Number(obs);
    const at = Math.max(ctx.now(), (expected ?? 0) + 1);
    const data = change(Alarm.parse(JSON.parse(json)), at);
    const result = await commit(
      ctx.redis,
      { obsKey: ctx.keys.obs('alarm'), id: alarmId, ts: at, expected },
      [
        putJson(ctx.keys.state('alarm'), alarmId, data),
        appendEvent(ctx, { kind: 'alarm', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') return { eventIds: result.streamIds };
  }
  return { ok: false, code: 'command.stale', message: `alarm ${alarmId} kept changing; try again` };
}

/** `alarm.ack`: a commander has seen the alarm. */
export const handleAlarmAck: CommandHandler<'alarm.ack'> = (ctx, command, identity) =>
  changeAlarm(ctx, command.alarmId, (alarm, at) =>
    acknowledge(alarm, actor(identity), at, command.note),
  );

/** `alarm.dispose`: what was done about the alarm. */
export const handleAlarmDispose: CommandHandler<'alarm.dispose'> = (ctx, command, identity) =>
  changeAlarm(ctx, command.alarmId, (alarm, at) =>
    dispose(alarm, actor(identity), at, command.note),
  );
