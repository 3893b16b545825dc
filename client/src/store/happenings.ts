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

/** A serious event the wall flies to and announces. */
export interface FocusItem {
  /** The event's stream id. */
  id: string;
  kind: 'incident' | 'alarm';
  entityId: string;
}

export interface FocusRules {
  incidentLevels: readonly IncidentLevel[];
  highHighAlarms: boolean;
}

export const DEFAULT_FOCUS_RULES: FocusRules = {
  incidentLevels: ['I', 'II'],
  highHighAlarms: true,
};

export function focusRulesOf(config: WallConfig | undefined): FocusRules {
  return config ? config.focus : DEFAULT_FOCUS_RULES;
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
  const hazard = alarm.hazardId ? names.hazards.get(alarm.hazardId) : undefined;
  const base = {
    id,
    at: alarm.updatedAt,
    agency: alarm.agency,
    params: {
      hazard: hazard?.name ?? alarm.hazardId ?? alarm.agency,
      value: alarm.lastValue ?? '',
      unit: alarm.unit ?? '',
    },
    enums: {
      level: `level.${alarm.level}`,
      ...(alarm.metric ? { metric: `metric.${alarm.metric}` } : {}),
    },
  };
  if (alarm.status === 'cleared') {
    return prev
      ? {
          ...base,
          at: alarm.clearedAt ?? alarm.updatedAt,
          severity: 'info',
          key: 'feed.alarmCleared',
        }
      : null;
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
        const serious = rules.incidentLevels.includes(event.data.level);
        const wasSerious = prev !== undefined && rules.incidentLevels.includes(prev.level);
        if (serious && !wasSerious && event.data.status !== 'closed')
          focus.push({ id: event.id, kind: 'incident', entityId: event.data.id });
        break;
      }
      case 'alarm': {
        const prev = prevOf('alarm', event.data.id, before.alarms);
        const line = alarmLine(event.id, event.data, prev, before);
        if (line) lines.push(line);
        const highHigh = event.data.status === 'active' && event.data.level === 'HH';
        if (rules.highHighAlarms && highHigh && prev?.level !== 'HH' && event.data.hazardId)
          focus.push({ id: event.id, kind: 'alarm', entityId: event.data.id });
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
