import { incidentLevelRank } from '@cc/shared';
import type {
  Alarm,
  Incident,
  IncidentLevel,
  Order,
  Resource,
  ResourceStatus,
  WallFeed,
} from '@cc/shared';

/** A unit on the incident ↔ unit board: its state, and since when (epoch ms). */
export interface BoardUnit {
  resourceId: string;
  name: string;
  /** `ordered`: the dispatch order is not yet answered by the unit's agency. */
  state: ResourceStatus | 'ordered';
  since: number;
}

export interface BoardRow {
  incident: Incident;
  units: BoardUnit[];
}

/** Levels on the board: III (较大) and up. */
export const BOARD_LEVELS: readonly IncidentLevel[] = ['I', 'II', 'III'];

/**
 * The units dispatched to an incident and not recalled since, refused orders left out: each with
 * its state (the unit's own report once it answered, `ordered` before) and since when (the later
 * of the order's last change and the unit's last full report).
 */
export function unitsOf(
  incidentId: string,
  orders: Iterable<Order>,
  resources: ReadonlyMap<string, Resource>,
): BoardUnit[] {
  const dispatched = new Map<string, Order>();
  const recalledAt = new Map<string, number>();
  for (const o of orders) {
    if (o.kind === 'recall') {
      recalledAt.set(o.resourceId, Math.max(recalledAt.get(o.resourceId) ?? 0, o.sentAt));
    } else if (o.incidentId === incidentId && o.status !== 'refused') {
      const prev = dispatched.get(o.resourceId);
      if (!prev || o.sentAt > prev.sentAt) dispatched.set(o.resourceId, o);
    }
  }
  const units: BoardUnit[] = [];
  for (const [resourceId, order] of dispatched) {
    if ((recalledAt.get(resourceId) ?? 0) > order.sentAt) continue;
    const resource = resources.get(resourceId);
    const answered = order.status !== 'sent';
    const state = answered && resource ? resource.status : 'ordered';
    const since = Math.max(order.updatedAt, answered && resource ? resource.ts : 0);
    units.push({ resourceId, name: resource?.name ?? resourceId, state, since });
  }
  return units.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The board: open incidents of level III and up, gravest first, then the most recent. */
export function boardRows(
  incidents: ReadonlyMap<string, Incident>,
  orders: ReadonlyMap<string, Order>,
  resources: ReadonlyMap<string, Resource>,
): BoardRow[] {
  return [...incidents.values()]
    .filter((i) => i.status !== 'closed' && BOARD_LEVELS.includes(i.level))
    .sort((a, b) => incidentLevelRank(a.level) - incidentLevelRank(b.level) || b.ts - a.ts)
    .map((incident) => ({ incident, units: unitsOf(incident.id, orders.values(), resources) }));
}

/** One line of the "needs attention now" panel. */
export type AttentionItem =
  | { kind: 'incident'; id: string; urgency: number; since: number; incident: Incident }
  | { kind: 'alarm'; id: string; urgency: number; since: number; alarm: Alarm }
  | { kind: 'order'; id: string; urgency: number; since: number; order: Order }
  | { kind: 'feed'; id: string; urgency: number; since: number; feed: WallFeed };

/**
 * What needs attention now, most urgent first (then the oldest): open serious incidents (level
 * I–II; unacknowledged ones first), unacknowledged alarms (second stage before first), orders no
 * agency has answered, interrupted feeds. Pure.
 */
export function attentionItems(
  picture: {
    incidents: ReadonlyMap<string, Incident>;
    alarms: ReadonlyMap<string, Alarm>;
    orders: ReadonlyMap<string, Order>;
  },
  feeds: readonly WallFeed[],
  seriousLevels: readonly IncidentLevel[],
): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const i of picture.incidents.values()) {
    if (i.status === 'closed' || !seriousLevels.includes(i.level)) continue;
    const seen = i.acknowledged !== undefined && i.acknowledged.level === i.level;
    items.push({
      kind: 'incident',
      id: i.id,
      urgency: (seen ? 2 : 0) + incidentLevelRank(i.level) / 10,
      since: i.ts,
      incident: i,
    });
  }
  for (const a of picture.alarms.values()) {
    if (a.status !== 'active' || a.acknowledged || a.cause === 'order_timeout') continue;
    if (a.cause === 'offline' && !a.sensorId) continue; // The feed itself: listed as a feed.
    const second = a.level === 'HH' || a.level === 'LL';
    items.push({ kind: 'alarm', id: a.id, urgency: second ? 1 : 3, since: a.raisedAt, alarm: a });
  }
  for (const o of picture.orders.values()) {
    if (o.status !== 'sent') continue;
    items.push({ kind: 'order', id: o.id, urgency: 1.5, since: o.sentAt, order: o });
  }
  for (const f of feeds) {
    if (f.state !== 'silent') continue;
    items.push({ kind: 'feed', id: f.agency, urgency: 4, since: f.lastMessageAt ?? 0, feed: f });
  }
  return items.sort((a, b) => a.urgency - b.urgency || a.since - b.since);
}
