import { alarmSource } from '../panels/alarm-source';
import { compareStreamIds, incidentLevelRank, ORIGIN_EVENT_ID } from '@cc/shared';
import type { Alarm, Incident, IncidentLevel, StampedEvent, WallConfig } from '@cc/shared';
import type { EntitiesSlice } from './live-reducers';

/** How a line of the live event feed stands out: critical lines are red, major ones amber. */
export type Severity = 'critical' | 'major' | 'info';

/**
 * One line of the wall's live event feed: what happened, in words chosen by the component
 * (`key` names the message, `params` fill it, `enums` name message keys whose text fills it).
 */
export interface FeedLine {
  /** The event's stream id (unique; newest first sorts by it). */
  id: string;
  /** When it happened (observation time), epoch ms. */
  at: number;
  agency: string;
  severity: Severity;
  key: string;
  params: Record<string, string | number>;
  enums: Record<string, string>;
}

/** Why something takes the wall's focus (docs/wall.md, "Attention policy"). */
export type FocusReason = 'new' | 'escalated' | 'casualties' | 'highHigh' | 'unacknowledged';

/** A serious event the wall flies to and announces. */
export interface FocusItem {
  /** The event's stream id (or `overdue/{alarm id}` for an alarm left unacknowledged). */
  id: string;
  kind: 'incident' | 'alarm';
  entityId: string;
  reason: FocusReason;
  /**
   * The entity's time when it was queued (an incident's `ts`, an alarm's `updatedAt`): an
   * acknowledgement at or after it releases the focus.
   */
  since: number;
}

export interface FocusRules {
  incidentLevels: readonly IncidentLevel[];
  highHighAlarms: boolean;
  /** Hazard grades whose high-high alarms take the focus. */
  alarmGrades: readonly number[];
}

export const DEFAULT_FOCUS_RULES: FocusRules = {
  incidentLevels: ['I', 'II'],
  highHighAlarms: true,
  alarmGrades: [1, 2],
};

export function focusRulesOf(config: WallConfig | undefined): FocusRules {
  return config ? config.focus : DEFAULT_FOCUS_RULES;
}

/** Dead, missing and trapped: the casualties that make any incident serious when they rise. */
const GRAVE = ['dead', 'missing', 'trapped'] as const;

/**
 * Why an incident update takes the focus, if it does: a new open incident at a focus level, an
 * escalation to level III or above, or more dead, missing or trapped on any open incident.
 */
export function incidentFocusReason(
  incident: Incident,
  prev: Incident | undefined,
  rules: FocusRules,
): FocusReason | null {
  if (incident.status === 'closed') return null;
  // No focus level at all: an overview-only wall, which no incident takes.
  if (rules.incidentLevels.length === 0) return null;
  const serious = rules.incidentLevels.includes(incident.level);
  if (!prev || prev.status === 'closed') {
    if (serious) return 'new';
    return GRAVE.some((k) => incident.casualties[k] > 0) ? 'casualties' : null;
  }
  const rank = incidentLevelRank(incident.level);
  if (rank < incidentLevelRank(prev.level) && (serious || rank <= incidentLevelRank('III')))
    return 'escalated';
  if (GRAVE.some((k) => incident.casualties[k] > prev.casualties[k])) return 'casualties';
  return null;
}

function incidentSeverity(level: IncidentLevel): Severity {
  return level === 'I' || level === 'II' ? 'critical' : level === 'III' ? 'major' : 'info';
}

function alarmSeverity(alarm: Alarm): Severity {
  return alarm.level === 'HH' || alarm.level === 'LL' ? 'critical' : 'major';
}

function incidentLine(id: string, incident: Incident, prev: Incident | undefined): FeedLine | null {
  const base = {
    id,
    at: incident.ts,
    agency: incident.agency,
    params: { title: incident.title },
    enums: {
      level: `incidentLevel.${incident.level}`,
      type: `incidentType.${incident.type}`,
      status: `incidentStatus.${incident.status}`,
    },
  };
  if (!prev)
    return { ...base, severity: incidentSeverity(incident.level), key: 'feed.incidentNew' };
  if (incidentLevelRank(incident.level) < incidentLevelRank(prev.level))
    return { ...base, severity: incidentSeverity(incident.level), key: 'feed.incidentEscalated' };
  if (incident.status !== prev.status)
    return { ...base, severity: 'info', key: 'feed.incidentStatus' };
  const dead = incident.casualties.dead - prev.casualties.dead;
  const injured = incident.casualties.injured - prev.casualties.injured;
  if (dead > 0 || injured > 0)
    return {
      ...base,
      params: {
        ...base.params,
        dead: incident.casualties.dead,
        injured: incident.casualties.injured,
      },
      severity: 'major',
      key: 'feed.incidentCasualties',
    };
  return null;
}

function alarmLine(
  id: string,
  alarm: Alarm,
  prev: Alarm | undefined,
  names: EntitiesSlice,
): FeedLine | null {
  // Whatever raised it (a hazard's sensor, a weather station, a camera…), by name.
  const source = alarm.hazardId === undefined ? undefined : alarmSource(alarm, names);
  const base = {
    id,
    at: alarm.updatedAt,
    agency: alarm.agency,
    // The agency is named in its own column: a feed-wide alarm names no hazard, and every
    // placeholder gets a value (a missing one would print as "{{metric}}").
    params: {
      hazard: source === undefined ? '' : 'name' in source ? source.name : source.id,
      metric: '',
      value: alarm.lastValue ?? '',
      unit: alarm.unit ?? '',
    },
    enums: {
      level: `level.${alarm.level}`,
      ...(alarm.metric ? { metric: `metric.${alarm.metric}` } : {}),
    },
  };
  if (alarm.status === 'cleared') {
    if (!prev || alarm.cause === 'order_timeout') return null;
    const key =
      alarm.cause === 'offline'
        ? alarm.sensorId
          ? 'feed.sensorBack'
          : 'feed.feedBack'
        : 'feed.alarmCleared';
    return { ...base, at: alarm.clearedAt ?? alarm.updatedAt, severity: 'info', key };
  }
  if (alarm.cause === 'offline') {
    if (prev) return null;
    return {
      ...base,
      severity: 'major',
      key: alarm.sensorId ? 'feed.sensorOffline' : 'feed.feedOffline',
    };
  }
  if (alarm.cause === 'order_timeout') {
    return prev ? null : { ...base, severity: 'major', key: 'feed.orderTimeout' };
  }
  if (alarm.cause === 'report_overdue') {
    const incident = alarm.incidentId ? names.incidents.get(alarm.incidentId) : undefined;
    if (prev) return null;
    return {
      ...base,
      severity: 'major',
      key: 'feed.reportOverdue',
      params: { ...base.params, title: incident?.title ?? alarm.incidentId ?? '' },
    };
  }
  if (!prev) return { ...base, severity: alarmSeverity(alarm), key: 'feed.alarmRaised' };
  if (alarm.level !== prev.level)
    return { ...base, severity: alarmSeverity(alarm), key: 'feed.alarmLevel' };
  if (alarm.acknowledged && !prev.acknowledged)
    return { ...base, severity: 'info', key: 'feed.alarmAcknowledged' };
  return null;
}

/**
 * What a batch of events means for the wall: the feed lines it adds and the serious events to fly
 * to. Pure; `before` is the picture before the batch (for what changed), events already applied
 * (ids not after `lastEventId`) are skipped as the reducer skips them.
 */
export function happenings(
  events: readonly StampedEvent[],
  before: EntitiesSlice & { lastEventId: string | null },
  rules: FocusRules,
  receivedAt: number,
): { lines: FeedLine[]; focus: FocusItem[] } {
  const lines: FeedLine[] = [];
  const focus: FocusItem[] = [];
  // Later events in the same batch compare with earlier ones, not with the old picture.
  const seen = new Map<string, unknown>();
  const prevOf = <T>(kind: string, id: string, stored: ReadonlyMap<string, T>): T | undefined =>
    (seen.has(`${kind}/${id}`) ? seen.get(`${kind}/${id}`) : stored.get(id)) as T | undefined;
  let last = before.lastEventId ?? ORIGIN_EVENT_ID;
  for (const event of events) {
    if (compareStreamIds(event.id, last) <= 0) continue;
    last = event.id;
    if (event.op === 'remove') {
      if (event.kind === 'warning') {
        const warning = prevOf('warning', event.entityId, before.warnings);
        if (warning)
          lines.push({
            id: event.id,
            at: receivedAt,
            agency: warning.agency,
            severity: 'info',
            key: 'feed.warningEnded',
            params: { headline: warning.headline },
            enums: {},
          });
      }
      seen.set(`${event.kind}/${event.entityId}`, undefined);
      continue;
    }
    const key = `${event.kind}/${event.data.id}`;
    switch (event.kind) {
      case 'incident': {
        const prev = prevOf('incident', event.data.id, before.incidents);
        const line = incidentLine(event.id, event.data, prev);
        if (line) lines.push(line);
        const reason = incidentFocusReason(event.data, prev, rules);
        if (reason)
          focus.push({
            id: event.id,
            kind: 'incident',
            entityId: event.data.id,
            reason,
            since: event.data.ts,
          });
        break;
      }
      case 'alarm': {
        const prev = prevOf('alarm', event.data.id, before.alarms);
        const line = alarmLine(event.id, event.data, prev, before);
        if (line) lines.push(line);
        const a = event.data;
        const hazard = a.hazardId ? prevOf('hazard', a.hazardId, before.hazards) : undefined;
        const highHigh = a.status === 'active' && a.level === 'HH' && !a.acknowledged;
        if (
          rules.highHighAlarms &&
          highHigh &&
          prev?.level !== 'HH' &&
          hazard &&
          rules.alarmGrades.includes(hazard.grade)
        )
          focus.push({
            id: event.id,
            kind: 'alarm',
            entityId: a.id,
            reason: 'highHigh',
            since: a.updatedAt,
          });
        break;
      }
      case 'warning': {
        const prev = prevOf('warning', event.data.id, before.warnings);
        lines.push({
          id: event.id,
          at: event.data.ts,
          agency: event.data.agency,
          severity:
            event.data.signal === 'red' || event.data.signal === 'orange' ? 'critical' : 'major',
          key: prev ? 'feed.warningUpdated' : 'feed.warningIssued',
          params: { headline: event.data.headline },
          enums: {},
        });
        break;
      }
      case 'resource': {
        const prev = prevOf('resource', event.data.id, before.resources);
        if (prev && prev.status !== event.data.status)
          lines.push({
            id: event.id,
            at: event.data.ts,
            agency: event.data.agency,
            severity: 'info',
            key: 'feed.resourceStatus',
            params: { name: event.data.name },
            enums: { status: `resourceStatus.${event.data.status}` },
          });
        break;
      }
      case 'order': {
        const prev = prevOf('order', event.data.id, before.orders);
        if (prev?.status === event.data.status) break;
        const resource = before.resources.get(event.data.resourceId);
        lines.push({
          id: event.id,
          at: event.data.updatedAt,
          agency: event.data.agency,
          severity: event.data.status === 'refused' ? 'major' : 'info',
          key: `feed.order.${event.data.kind}.${event.data.status}`,
          params: { resource: resource?.name ?? event.data.resourceId },
          enums: {},
        });
        break;
      }
      default:
        break;
    }
    seen.set(key, event.data);
  }
  return { lines, focus };
}

/** Lines to start the feed with from a snapshot: active alarms and open incidents, newest first. */
export function linesFromPicture(picture: EntitiesSlice, limit: number): FeedLine[] {
  const lines: FeedLine[] = [];
  for (const incident of picture.incidents.values()) {
    if (incident.status === 'closed') continue;
    const line = incidentLine(`incident/${incident.id}`, incident, undefined);
    if (line) lines.push(line);
  }
  for (const alarm of picture.alarms.values()) {
    const line = alarmLine(`alarm/${alarm.id}`, { ...alarm }, undefined, picture);
    if (line) lines.push({ ...line, at: alarm.raisedAt });
  }
  return lines.sort((a, b) => b.at - a.at).slice(0, limit);
}

/**
 * The focus queue with `items` added: incidents ahead of alarms (each kind in arrival order), one
 * entry per entity (a newer reason for a queued entity takes its place), at most `max` (the oldest
 * alarms go first).
 */
export function queueFocus(
  queue: readonly FocusItem[],
  items: readonly FocusItem[],
  max: number,
): FocusItem[] {
  if (items.length === 0) return queue as FocusItem[];
  const byEntity = new Map<string, FocusItem>();
  for (const item of [...queue, ...items]) {
    byEntity.delete(item.entityId);
    byEntity.set(item.entityId, item);
  }
  const all = [...byEntity.values()];
  const incidents = all.filter((i) => i.kind === 'incident');
  const alarms = all.filter((i) => i.kind === 'alarm');
  const room = Math.max(0, max - incidents.length);
  return [...incidents.slice(-max), ...(room > 0 ? alarms.slice(-room) : [])];
}
