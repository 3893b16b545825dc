import { compareStreamIds } from '@cc/shared';
import type { Incident, Order, Resource, StampedEvent } from '@cc/shared';

/** One line of an incident's timeline: a message key and its values, for the page to translate. */
export interface TimelineLine {
  /** The stream id of the event it describes. */
  id: string;
  /** Epoch ms: the observation time of the change. */
  at: number;
  kind: 'incident' | 'order' | 'resource';
  /** Under `command.timeline.*`, or a full key for order and resource lines. */
  key: string;
  values: Record<string, string | number>;
  /** Resource named by an order or resource line. */
  resourceId?: string;
}

/**
 * The resources this incident has had dispatched to it, each since when: their status reports
 * and recall orders from then on belong to the incident's timeline.
 */
export function engagedResources(incidentId: string, orders: Iterable<Order>): Map<string, number> {
  const since = new Map<string, number>();
  for (const o of orders) {
    if (o.kind !== 'dispatch' || o.incidentId !== incidentId) continue;
    const prev = since.get(o.resourceId);
    if (prev === undefined || o.sentAt < prev) since.set(o.resourceId, o.sentAt);
  }
  return since;
}

/**
 * Whether an event is about the incident: the incident itself, orders for it (and recalls of its
 * units), and status reports of units dispatched to it. `engaged` grows as dispatch orders pass.
 */
export function concerns(
  incidentId: string,
  engaged: Map<string, number>,
  event: StampedEvent,
): boolean {
  if (event.op === 'remove') return event.kind === 'incident' && event.entityId === incidentId;
  switch (event.kind) {
    case 'incident':
      return event.data.id === incidentId;
    case 'order': {
      const o = event.data;
      if (o.kind === 'dispatch' && o.incidentId === incidentId) {
        const prev = engaged.get(o.resourceId);
        if (prev === undefined || o.sentAt < prev) engaged.set(o.resourceId, o.sentAt);
        return true;
      }
      const since = engaged.get(o.resourceId);
      return o.kind === 'recall' && since !== undefined && o.sentAt >= since;
    }
    case 'resource': {
      const since = engaged.get(event.data.id);
      return since !== undefined && event.data.ts >= since;
    }
    default:
      return false;
  }
}

/** Adds events to a timeline's events by stream id (each once) and returns whether any was new. */
export function collect(
  into: Map<string, StampedEvent>,
  incidentId: string,
  engaged: Map<string, number>,
  events: readonly StampedEvent[],
): boolean {
  let added = false;
  for (const event of events) {
    if (into.has(event.id) || !concerns(incidentId, engaged, event)) continue;
    into.set(event.id, event);
    added = true;
  }
  return added;
}

function incidentLine(id: string, prev: Incident | undefined, next: Incident): TimelineLine[] {
  const base = { id, at: next.ts, kind: 'incident' as const };
  if (!prev) return [{ ...base, key: 'reported', values: { title: next.title } }];
  const lines: TimelineLine[] = [];
  if (prev.status !== next.status)
    lines.push({ ...base, key: 'status', values: { status: next.status } });
  if (prev.level !== next.level)
    lines.push({ ...base, key: 'level', values: { level: next.level } });
  const a = prev.casualties;
  const b = next.casualties;
  if (
    a.dead !== b.dead ||
    a.injured !== b.injured ||
    a.missing !== b.missing ||
    a.trapped !== b.trapped
  )
    lines.push({ ...base, key: 'casualties', values: { ...b } });
  if (lines.length === 0) lines.push({ ...base, key: 'updated', values: { title: next.title } });
  return lines;
}

/**
 * The timeline's lines, newest first: what changed at each incident update, each order's state,
 * each unit's status report. `resourceName` names units for order lines. Pure.
 */
export function timelineLines(
  events: Iterable<StampedEvent>,
  resourceName: (id: string) => string,
): TimelineLine[] {
  const ordered = [...events].sort((a, b) => compareStreamIds(a.id, b.id));
  // One group per event: newest event first, each event's own lines in their order.
  const groups: TimelineLine[][] = [];
  let incident: Incident | undefined;
  const lastStatus = new Map<string, Resource['status']>();
  for (const e of ordered) {
    if (e.op === 'remove') continue;
    if (e.kind === 'incident') {
      groups.push(incidentLine(e.id, incident, e.data));
      incident = e.data;
    } else if (e.kind === 'order') {
      const o = e.data;
      groups.push([
        {
          id: e.id,
          at: o.updatedAt,
          kind: 'order',
          key: `feed.order.${o.kind}.${o.status}`,
          values: { resource: resourceName(o.resourceId), ...(o.reply ? { reply: o.reply } : {}) },
          resourceId: o.resourceId,
        },
      ]);
    } else if (e.kind === 'resource') {
      const r = e.data;
      // A unit's report that repeats its status (a new position, say) is no news here.
      if (lastStatus.get(r.id) === r.status) continue;
      lastStatus.set(r.id, r.status);
      groups.push([
        {
          id: e.id,
          at: r.ts,
          kind: 'resource',
          key: 'feed.resourceStatus',
          values: { name: r.name, status: r.status },
          resourceId: r.id,
        },
      ]);
    }
  }
  return groups.reverse().flat();
}
