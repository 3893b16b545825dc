import { Alarm, HiddenHazard, isOverdue } from '@cc/shared';
import { commit } from '@cc/shared/node';
import { readState } from '../store/read-state';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';

/** The overdue alarm of a hidden hazard: one per item while it stays overdue. */
export const overdueAlarmId = (hiddenHazardId: string) => `${hiddenHazardId}@overdue`;

/**
 * What an overdue 重大 item raises on the risk map (`keys.hiddenHazardsOverdueMajor`): its site,
 * if it names one, and its enterprise (the agency id, else the enterprise's name).
 */
export const overdueSubjects = (item: HiddenHazard): string[] => [
  ...(item.siteId === undefined ? [] : [item.siteId]),
  item.agency ?? item.enterprise,
];

export interface OverdueInput {
  now: number;
  items: readonly HiddenHazard[];
  /** Active overdue alarms, by alarm id. */
  active: ReadonlyMap<string, Alarm>;
}

/**
 * Which items to mark overdue (past their stage's deadline, not yet marked), which overdue
 * alarms to raise and which to clear (the item verified, closed or given a later deadline), and
 * the sites with an overdue 重大 item. Pure: the sweep below reads and writes.
 */
export function evaluateOverdue({ now, items, active }: OverdueInput) {
  const mark: HiddenHazard[] = [];
  const raise: Alarm[] = [];
  const clear: Alarm[] = [];
  const majorSubjects = new Set<string>();
  for (const item of items) {
    const overdue =
      item.stage !== 'closed' && (item.overdueSince !== undefined || isOverdue(item, now));
    const alarmId = overdueAlarmId(item.id);
    const alarm = active.get(alarmId);
    if (overdue) {
      if (item.overdueSince === undefined) mark.push({ ...item, overdueSince: now, ts: now });
      if (!alarm) {
        const level = item.grade === 'major' ? 'HH' : 'H';
        raise.push({
          id: alarmId,
          cause: 'overdue',
          agency: item.agency ?? 'cc',
          hiddenHazardId: item.id,
          ...(item.siteId === undefined ? {} : { hazardId: item.siteId }),
          status: 'active',
          level,
          peak: level,
          raisedAt: now,
          updatedAt: now,
        });
      }
      if (item.grade === 'major') for (const s of overdueSubjects(item)) majorSubjects.add(s);
    } else if (alarm) {
      clear.push({ ...alarm, status: 'cleared', updatedAt: now, clearedAt: now });
    }
  }
  // Alarms whose item is gone altogether.
  const ids = new Set(items.map((i) => overdueAlarmId(i.id)));
  for (const [id, alarm] of active) {
    if (!ids.has(id)) clear.push({ ...alarm, status: 'cleared', updatedAt: now, clearedAt: now });
  }
  return { mark, raise, clear, majorSubjects };
}

/**
 * Marks hidden hazards past their deadline overdue (逾期), raises an `overdue` alarm for each and
 * clears it once the item is verified or closed; rewrites the set of sites with an overdue 重大
 * item. Every write is a compare-and-set, so workers sweeping at once write each change once.
 */
export async function sweepOverdue(ctx: FeedContext): Promise<number> {
  const { redis, keys, log } = ctx;
  const items = await readState(ctx, 'hiddenhazard', HiddenHazard);
  const active = new Map<string, Alarm>();
  for (const alarm of await readState(ctx, 'alarm', Alarm))
    if (alarm.cause === 'overdue') active.set(alarm.id, alarm);
  const now = ctx.now();
  const { mark, raise, clear, majorSubjects } = evaluateOverdue({ now, items, active });
  let written = 0;
  for (const item of mark) {
    const obs = await redis.hGet(keys.obs('hiddenhazard'), item.id);
    const expected = obs === null ? null : Number(obs);
    const ts = Math.max(now, (expected ?? 0) + 1);
    const data = { ...item, ts };
    const result = await commit(
      redis,
      { obsKey: keys.obs('hiddenhazard'), id: item.id, ts, expected },
      [
        putJson(keys.state('hiddenhazard'), item.id, data),
        appendEvent(ctx, { kind: 'hiddenhazard', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') written++;
  }
  /** A compare-and-set on the alarm's last observation: a cleared one may be raised again. */
  const alarmGuard = async (id: string) => {
    const obs = await redis.hGet(keys.obs('alarm'), id);
    const expected = obs === null ? null : Number(obs);
    return { obsKey: keys.obs('alarm'), id, ts: Math.max(now, (expected ?? 0) + 1), expected };
  };
  for (const alarm of raise) {
    const result = await commit(redis, await alarmGuard(alarm.id), [
      putJson(keys.state('alarm'), alarm.id, alarm),
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    ]);
    if (result.status === 'ok') written++;
  }
  for (const alarm of clear) {
    const result = await commit(redis, await alarmGuard(alarm.id), [
      { op: 'hdel', key: keys.state('alarm'), field: alarm.id },
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    ]);
    if (result.status === 'ok') written++;
  }
  const tx = redis.multi().del(keys.hiddenHazardsOverdueMajor);
  if (majorSubjects.size > 0) tx.sAdd(keys.hiddenHazardsOverdueMajor, [...majorSubjects]);
  await tx.exec();
  if (written > 0)
    log.debug({ marked: mark.length, raised: raise.length, cleared: clear.length }, 'overdue');
  return written;
}
