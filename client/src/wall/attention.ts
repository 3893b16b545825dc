import type { Alarm, Incident, WallConfig } from '@cc/shared';
import type { FocusItem } from '../store/happenings';

/**
 * The wall's attention policy (docs/wall.md, "Attention policy"), as pure functions the focus
 * hook runs every tick: what may still take the focus, when a focus ends, which alarms have waited
 * too long for an acknowledgement.
 */
export type AttentionConfig = Pick<
  WallConfig['focus'],
  'seconds' | 'incidentHoldSeconds' | 'alarmUnacknowledgedSeconds' | 'overviewSeconds'
>;

export const DEFAULT_ATTENTION: AttentionConfig = {
  seconds: 20,
  incidentHoldSeconds: 180,
  alarmUnacknowledgedSeconds: 300,
  overviewSeconds: 8,
};

export interface Picture {
  incidents: ReadonlyMap<string, Incident>;
  alarms: ReadonlyMap<string, Alarm>;
}

/** Why a focus ended. */
export type FocusEnd = 'acknowledged' | 'gone' | 'timeout' | 'preempted';

function incidentSeen(incident: Incident, item: FocusItem): boolean {
  return incident.acknowledged !== undefined && incident.acknowledged.at >= item.since;
}

/** Whether a queued item still needs the wall: open or active, and not acknowledged since. */
export function stillWanted(item: FocusItem, picture: Picture): boolean {
  if (item.kind === 'incident') {
    const incident = picture.incidents.get(item.entityId);
    return incident !== undefined && incident.status !== 'closed' && !incidentSeen(incident, item);
  }
  const alarm = picture.alarms.get(item.entityId);
  if (!alarm || alarm.status !== 'active' || alarm.acknowledged) return false;
  return item.reason !== 'highHigh' || alarm.level === 'HH';
}

/**
 * Whether the focus on `item` (started at `startedAt`, wall clock) ends at `now`: an incident holds
 * until acknowledged, closed or `incidentHoldSeconds`; an alarm for `seconds`, less if
 * acknowledged or cleared, and gives way at once to an incident waiting in `queue`.
 */
export function focusEnd(
  item: FocusItem,
  startedAt: number,
  now: number,
  picture: Picture,
  queue: readonly FocusItem[],
  config: AttentionConfig,
): FocusEnd | null {
  if (item.kind === 'incident') {
    const incident = picture.incidents.get(item.entityId);
    if (!incident || incident.status === 'closed') return 'gone';
    if (incidentSeen(incident, item)) return 'acknowledged';
    return now - startedAt >= config.incidentHoldSeconds * 1000 ? 'timeout' : null;
  }
  const alarm = picture.alarms.get(item.entityId);
  if (!alarm || alarm.status !== 'active') return 'gone';
  if (alarm.acknowledged) return 'acknowledged';
  if (queue.some((q) => q.kind === 'incident')) return 'preempted';
  return now - startedAt >= config.seconds * 1000 ? 'timeout' : null;
}

/**
 * Active threshold alarms on a hazard nobody has acknowledged for `alarmUnacknowledgedSeconds`
 * (judged on the server's clock), not yet taken to the wall (`done`): each takes the focus once.
 */
export function overdueAlarms(
  alarms: ReadonlyMap<string, Alarm>,
  serverNow: number,
  config: AttentionConfig,
  done: ReadonlySet<string>,
): FocusItem[] {
  if (config.alarmUnacknowledgedSeconds <= 0) return [];
  const after = config.alarmUnacknowledgedSeconds * 1000;
  const items: FocusItem[] = [];
  for (const a of alarms.values()) {
    if (a.status !== 'active' || a.cause !== 'threshold' || a.acknowledged || !a.hazardId) continue;
    if (serverNow - a.raisedAt < after || done.has(a.id)) continue;
    items.push({
      id: `overdue/${a.id}`,
      kind: 'alarm',
      entityId: a.id,
      reason: 'unacknowledged',
      since: a.updatedAt,
    });
  }
  return items.sort((x, y) => x.since - y.since);
}
