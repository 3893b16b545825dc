import type { Incident } from '../model/entities';
import type { Alarm } from '../model/entities';
import {
  reportAlarmId,
  reportId,
  type Report,
  type ReportDeadlines,
  type ReportStage,
} from './model';

/** The agency that owns what the command center itself raises (its reports' alarms). */
const COMMAND_CENTER = 'cc';

/** Whether an incident's level starts the reporting clocks by itself: level I and II. */
export function reportableByLevel(incident: Pick<Incident, 'level'>): boolean {
  return incident.level === 'I' || incident.level === 'II';
}

function newReport(
  incidentId: string,
  stage: ReportStage,
  seq: number,
  reason: Report['reason'],
  startedAt: number,
  dueAt: number,
): Report {
  return {
    id: reportId(incidentId, stage, seq),
    incidentId,
    stage,
    seq,
    reason,
    startedAt,
    dueAt,
    status: 'due',
    versions: [],
    ts: startedAt,
  };
}

/** The first and the written report of an incident whose clocks start now. Pure. */
export function startReportClocks(
  incidentId: string,
  now: number,
  deadlines: ReportDeadlines,
  reason: Report['reason'],
): Report[] {
  return [
    newReport(incidentId, 'first', 1, reason, now, now + deadlines.firstMs),
    newReport(incidentId, 'written', 1, reason, now, now + deadlines.writtenMs),
  ];
}

export interface ReportClockInput {
  now: number;
  deadlines: ReportDeadlines;
  incidents: readonly Incident[];
  reports: readonly Report[];
  /** Active overdue alarms, by alarm id. */
  active: ReadonlyMap<string, Alarm>;
  /** Ids of overdue alarms ever raised: none is raised twice. */
  raised: ReadonlySet<string>;
}

export interface ReportClockChanges {
  /** Reports to store: new ones (clocks started, follow-ups due) and cancelled follow-ups. */
  reports: Report[];
  raise: Alarm[];
  clear: Alarm[];
}

/**
 * What the reporting clocks call for now: start them for open level I–II incidents that have
 * none; ask for the next follow-up once the written report (or the last follow-up) is sent,
 * while the incident is open; cancel follow-ups of a closed incident; raise a `report_overdue`
 * alarm for a report still due past its deadline, and clear it once sent or cancelled. Pure:
 * ingest's sweep does the reading and writing.
 */
export function evaluateReportClocks(input: ReportClockInput): ReportClockChanges {
  const { now, deadlines } = input;
  const byIncident = new Map<string, Report[]>();
  for (const r of input.reports) {
    const list = byIncident.get(r.incidentId) ?? [];
    list.push(r);
    byIncident.set(r.incidentId, list);
  }
  const changed: Report[] = [];
  const open = new Map(input.incidents.map((i) => [i.id, i]));
  for (const incident of input.incidents) {
    if (incident.status === 'closed') continue;
    if (!byIncident.has(incident.id) && reportableByLevel(incident)) {
      changed.push(...startReportClocks(incident.id, now, deadlines, 'level'));
    }
  }
  for (const [incidentId, reports] of byIncident) {
    const incident = open.get(incidentId);
    const closed = incident === undefined || incident.status === 'closed';
    if (closed) {
      for (const r of reports) {
        if (r.stage === 'followup' && r.status === 'due')
          changed.push({ ...r, status: 'cancelled', ts: Math.max(now, r.ts + 1) });
      }
      continue;
    }
    if (deadlines.followupMs <= 0) continue;
    // The chain of written report and follow-ups: the next is due once the last is sent.
    const chain = reports
      .filter((r) => r.stage !== 'first')
      .sort((a, b) => (a.stage === b.stage ? a.seq - b.seq : a.stage === 'written' ? -1 : 1));
    const last = chain[chain.length - 1];
    if (last?.status === 'sent' && last.sent) {
      const seq = last.stage === 'followup' ? last.seq + 1 : 1;
      const from = last.sent.at;
      changed.push(
        newReport(incidentId, 'followup', seq, last.reason, from, from + deadlines.followupMs),
      );
    }
  }
  const current = new Map(input.reports.map((r) => [r.id, r]));
  for (const r of changed) current.set(r.id, r);
  const raise: Alarm[] = [];
  const clear: Alarm[] = [];
  for (const r of current.values()) {
    const id = reportAlarmId(r.id);
    const active = input.active.get(id);
    if (r.status === 'due') {
      if (active || input.raised.has(id) || now <= r.dueAt) continue;
      raise.push({
        id,
        cause: 'report_overdue',
        agency: COMMAND_CENTER,
        reportId: r.id,
        incidentId: r.incidentId,
        status: 'active',
        level: 'H',
        peak: 'H',
        raisedAt: now,
        updatedAt: now,
      });
    } else if (active) {
      clear.push({ ...active, status: 'cleared', updatedAt: now, clearedAt: now });
    }
  }
  return { reports: changed, raise, clear };
}
