import { z } from 'zod';
import { RosterEntry } from '../wall/config';

/**
 * One entry of the duty log (值班日志): a note, a call received (来电), or a shift handover
 * (交接班) naming who is on duty from then and what was open. Timed by ingest when it applied
 * the command, signed by who sent it; never edited (a correction is a new entry).
 */
export const DutyEntry = z.object({
  id: z.string(),
  kind: z.enum(['note', 'call', 'handover']),
  /** When it was recorded, epoch ms. */
  at: z.number(),
  /** Who signed it: the account's display name, and its id. */
  by: z.string(),
  bySub: z.string(),
  text: z.string(),
  /** A call: who called, and their number. */
  caller: z.string().optional(),
  phone: z.string().optional(),
  /** A handover: the people on duty from now (the wall's roster follows the latest). */
  onDuty: z.array(RosterEntry).optional(),
  /** A handover: what was open at handover, one line each, as the handing-over officer saw it. */
  open: z.array(z.string()).optional(),
  ts: z.number(),
});
export type DutyEntry = z.infer<typeof DutyEntry>;

/** The stages of reporting an incident up the chain (信息报送): 首报, 书面报告, 续报. */
export const ReportStage = z.enum(['first', 'written', 'followup']);
export type ReportStage = z.infer<typeof ReportStage>;

const ReportText = z.string().max(4_000);

/** What a report says, field by field: drafted from the incident, edited by the duty officer. */
export const ReportFields = z.strictObject({
  title: z.string().trim().min(1).max(200),
  time: ReportText,
  place: ReportText,
  type: ReportText,
  casualties: ReportText,
  actions: ReportText,
  resources: ReportText,
  summary: ReportText,
});
export type ReportFields = z.infer<typeof ReportFields>;

/** One saved version of a report: every one is kept. */
export const ReportVersion = z.object({
  v: z.number().int().positive(),
  at: z.number(),
  by: z.string(),
  fields: ReportFields,
});
export type ReportVersion = z.infer<typeof ReportVersion>;

/**
 * A report due up the chain for an incident, with its deadline clock. `due` until marked sent
 * (with the version sent and to whom); past `dueAt` while due, it raises a `report_overdue`
 * alarm. A follow-up is cancelled when its incident closes.
 */
export const Report = z.object({
  id: z.string(),
  incidentId: z.string(),
  stage: ReportStage,
  /** 1 for the first and the written report; the follow-up's number. */
  seq: z.number().int().positive(),
  /** Why the clock runs: the incident's level (I–II), or a commander marked it. */
  reason: z.enum(['level', 'marked']),
  startedAt: z.number(),
  dueAt: z.number(),
  status: z.enum(['due', 'sent', 'cancelled']),
  versions: z.array(ReportVersion),
  sent: z
    .object({ at: z.number(), by: z.string(), to: z.string(), version: z.number().int() })
    .optional(),
  ts: z.number(),
});
export type Report = z.infer<typeof Report>;

/** The id of an incident's report of one stage: one each, ever (follow-ups numbered). */
export function reportId(incidentId: string, stage: ReportStage, seq = 1): string {
  return stage === 'followup' ? `${incidentId}#followup-${seq}` : `${incidentId}#${stage}`;
}

/** The id of a report's overdue alarm: one per report, ever. */
export const reportAlarmId = (id: string) => `${id}@report_overdue`;

/** The bureau's reporting deadlines, ms from the clock's start (follow-up: from the last sent). */
export interface ReportDeadlines {
  firstMs: number;
  writtenMs: number;
  /** 0: no follow-ups are asked for. */
  followupMs: number;
}

/** The deadlines when none are configured: first report 30 min, written 1 h, follow-ups 4 h. */
export const DEFAULT_REPORT_DEADLINES: ReportDeadlines = {
  firstMs: 30 * 60_000,
  writtenMs: 60 * 60_000,
  followupMs: 4 * 3_600_000,
};
