import { z } from 'zod';
import { LocalId } from '../feed/common';
import type { ResourceStatus } from '../feed/resource';
import {
  Casualties,
  IncidentCategory,
  IncidentLevel,
  IncidentStatus,
  IncidentType,
} from '../feed/incident';
import { HiddenHazardReport } from '../feed/hiddenhazard';
import { PhotoRef, Rectification, Supervision, HiddenHazardGrade } from '../hiddenhazard/model';
import { ReportFields } from '../duty/model';
import { RosterEntry } from '../wall/config';
import { DisasterCorrections, DisasterReportFields, DisasterReportId } from '../disaster/model';

/** Ids the product gives entities are `{agency}:{id}`. */
const EntityRef = z.string().min(3).max(140);
const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Note = z.string().trim().min(1).max(2_000);

const base = {
  /** Chosen by the client (a UUID); repeating a command with the same id applies it once. */
  commandId: z.string().min(8).max(64),
};

/** The steps of the hidden-hazard loop (see `HH_TRANSITIONS`), each with what it needs. */
export const HiddenHazardStepFields = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('file'), note: Note.optional() }),
  z.strictObject({ action: z.literal('assess'), grade: HiddenHazardGrade, note: Note.optional() }),
  z.strictObject({
    action: z.literal('rectify'),
    rectification: Rectification,
    note: Note.optional(),
  }),
  z.strictObject({
    action: z.literal('submit_evidence'),
    note: Note,
    photos: z.array(PhotoRef).max(10).optional(),
  }),
  z.strictObject({ action: z.literal('verify_pass'), note: Note.optional() }),
  z.strictObject({
    action: z.literal('verify_fail'),
    reason: Note,
    /** A new rectification deadline, epoch ms; absent = the one set stays. */
    deadline: z.number().int().positive().optional(),
  }),
  z.strictObject({
    action: z.literal('supervise'),
    supervision: Supervision,
    note: Note.optional(),
  }),
  z.strictObject({ action: z.literal('close'), note: Note.optional() }),
]);

/** A hidden hazard entered by supervision staff (部门检查 / 第三方检查) or from a tip-off (群众举报). */
export const HiddenHazardFields = z.strictObject({
  ...HiddenHazardReport,
  source: z.enum(['department', 'third_party', 'tip_off']),
  /** The enterprise's agency id, when it has one: its account may then submit evidence. */
  agency: z.string().min(2).max(32).optional(),
  reportedBy: z.string().trim().min(1).max(100).optional(),
  location: LngLat,
  photos: z.array(PhotoRef).max(10).optional(),
});

export const IncidentFields = z.strictObject({
  type: IncidentType,
  category: IncidentCategory,
  level: IncidentLevel,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4_000).optional(),
  address: z.string().max(300).optional(),
  casualties: Casualties.optional(),
  location: LngLat,
});

/**
 * What a commander can do. Every command goes through the `commands` stream and is applied by
 * ingest like a feed message, so it is validated, ordered and recorded the same way.
 */
export const Command = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('incident.create'),
    id: LocalId,
    incident: IncidentFields,
  }),
  z.strictObject({
    ...base,
    type: z.literal('incident.update'),
    incidentId: EntityRef,
    /** At least one field: an empty edit would record an event that changes nothing. */
    changes: IncidentFields.partial().refine((c) => Object.keys(c).length > 0, {
      message: 'name at least one field to change',
    }),
  }),
  z.strictObject({
    ...base,
    type: z.literal('incident.status'),
    incidentId: EntityRef,
    status: IncidentStatus,
  }),
  /** The commander has seen the incident: the wall releases its focus. */
  z.strictObject({ ...base, type: z.literal('incident.acknowledge'), incidentId: EntityRef }),
  z.strictObject({
    ...base,
    type: z.literal('dispatch'),
    incidentId: EntityRef,
    resourceIds: z.array(EntityRef).min(1).max(20),
    note: Note.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('recall'),
    resourceId: EntityRef,
    note: Note.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('alarm.ack'),
    alarmId: EntityRef,
    note: Note.optional(),
  }),
  /** 处置反馈: what was done about the alarm. */
  z.strictObject({ ...base, type: z.literal('alarm.dispose'), alarmId: EntityRef, note: Note }),
  /**
   * A protective-action zone's spill size and day/night, set by a commander (the product's own
   * choice is a large spill, and day or night by the sun); `null` returns one to the product.
   */
  z
    .strictObject({
      ...base,
      type: z.literal('zone.override'),
      incidentId: EntityRef,
      spill: z.enum(['small', 'large']).nullable().optional(),
      time: z.enum(['day', 'night']).nullable().optional(),
    })
    .refine((c) => c.spill !== undefined || c.time !== undefined, {
      message: 'name spill or time (null returns it to the automatic choice)',
    }),
  /** A hidden hazard found by an inspection or a tip-off: stored as `cc:{id}`, stage `reported`. */
  z.strictObject({
    ...base,
    type: z.literal('hiddenhazard.create'),
    id: LocalId,
    hiddenHazard: HiddenHazardFields,
  }),
  /** One step of the closed loop on a hidden hazard. */
  z.strictObject({
    ...base,
    type: z.literal('hiddenhazard.step'),
    hiddenHazardId: EntityRef,
    step: HiddenHazardStepFields,
  }),
  /** 值班日志: a note, or a call received; timed by ingest and signed by the sender. */
  z.strictObject({
    ...base,
    type: z.literal('duty.entry'),
    kind: z.enum(['note', 'call']),
    text: Note,
    caller: z.string().trim().min(1).max(100).optional(),
    phone: z.string().trim().min(1).max(40).optional(),
  }),
  /** 交接班: who is on duty from now (the wall's roster), and what is open at handover. */
  z.strictObject({
    ...base,
    type: z.literal('duty.handover'),
    onDuty: z.array(RosterEntry).min(1).max(12),
    text: z.string().trim().max(2_000).default(''),
    open: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
  }),
  /** 信息报送: start the reporting clocks of an incident below level II. */
  z.strictObject({ ...base, type: z.literal('report.start'), incidentId: EntityRef }),
  /** Saves a new version of a report (every version is kept). */
  z.strictObject({
    ...base,
    type: z.literal('report.save'),
    reportId: z.string().min(3).max(200),
    fields: ReportFields,
  }),
  /** 物资发放: items leave a depot; never below zero (refused with `command.insufficient`). */
  z.strictObject({
    ...base,
    type: z.literal('stock.issue'),
    depotId: EntityRef,
    item: z.string().trim().min(1).max(100),
    quantity: z.number().finite().positive().max(1e9),
    /** The incident the items go to, if any. */
    incidentId: EntityRef.optional(),
    note: Note.optional(),
  }),
  /** 物资补充: items come into a depot; a new item needs its unit. */
  z.strictObject({
    ...base,
    type: z.literal('stock.replenish'),
    depotId: EntityRef,
    item: z.string().trim().min(1).max(100),
    quantity: z.number().finite().positive().max(1e9),
    unit: z.string().trim().min(1).max(16).optional(),
    minimum: z.number().finite().min(0).max(1e9).optional(),
    note: Note.optional(),
  }),
  /** Marks a report sent, its latest version, and to whom. */
  z.strictObject({
    ...base,
    type: z.literal('report.send'),
    reportId: z.string().min(3).max(200),
    to: z.string().trim().min(1).max(300),
  }),
  /** 报灾: an officer's report for its area; `reportId` is the phone's, a resend changes nothing. */
  z.strictObject({
    ...base,
    type: z.literal('disaster.report'),
    reportId: DisasterReportId,
    report: DisasterReportFields,
  }),
  /** 零报告: nothing to report today in the officer's area (once a day; a resend changes nothing). */
  z.strictObject({ ...base, type: z.literal('disaster.zero') }),
  /** 核灾: the report counts, with corrected figures where the bureau found others. */
  z.strictObject({
    ...base,
    type: z.literal('disaster.verify'),
    reportId: z.string().min(3).max(140),
    corrections: DisasterCorrections.optional(),
    note: Note.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('disaster.reject'),
    reportId: z.string().min(3).max(140),
    reason: Note,
  }),
  /** A duplicate: `reportId` is folded into `into` (it no longer counts on its own). */
  z.strictObject({
    ...base,
    type: z.literal('disaster.merge'),
    reportId: z.string().min(3).max(140),
    into: z.string().min(3).max(140),
  }),
  z.strictObject({
    ...base,
    type: z.literal('disaster.link'),
    reportId: z.string().min(3).max(140),
    incidentId: EntityRef,
  }),
  /** Makes a natural-disaster incident (`cc:{id}`) from the report, linked to it. */
  z.strictObject({
    ...base,
    type: z.literal('disaster.incident'),
    reportId: z.string().min(3).max(140),
    id: LocalId,
    level: IncidentLevel,
    title: z.string().trim().min(1).max(200).optional(),
  }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];

/** The duty officer's commands (duty log, reports up the chain): the `duty` action. */
export function isDutyCommand(type: string): boolean {
  return type.startsWith('duty.') || type.startsWith('report.');
}

export const COMMAND_ERROR_CODES = {
  'command.forbidden': 'your role may not do this',
  'command.invalid': 'the command is malformed',
  'command.unknown_entity': 'the command names something that does not exist',
  'command.stale': 'the entity changed in a way that makes the command impossible',
  'command.timeout': 'the command was not confirmed in time; it may still be applied',
  'command.not_sent':
    'the command could not be recorded (Redis refused or is unreachable); nothing was applied, send it again',
  'command.insufficient': 'not enough in stock: an issue may not take a depot below zero',
} as const;
export type CommandErrorCode = keyof typeof COMMAND_ERROR_CODES;

/** Why one unit of a dispatch was left out; screens put each code in their own words. */
export const UNIT_REFUSAL_CODES = {
  'dispatch.unit_busy': 'the unit is no longer available (another order took it meanwhile)',
  'dispatch.unit_unknown': 'the unit is not in the picture',
  'dispatch.unit_changing': 'the unit kept changing while the order was written; try again',
} as const;
export type UnitRefusalCode = keyof typeof UNIT_REFUSAL_CODES;

/** One unit a dispatch did not send, and why: the others of the command went out. */
export interface UnitRefusal {
  resourceId: string;
  code: UnitRefusalCode;
  /** The unit's status when it was refused (`dispatch.unit_busy`). */
  status?: ResourceStatus;
}

/**
 * The acknowledgement of a command: confirmed once its events are in the stream, or refused. A
 * dispatch sends the units still free: `refused` lists the others (on a refusal, every unit).
 */
export type CommandResult =
  | { ok: true; commandId: string; eventIds: string[]; refused?: UnitRefusal[] }
  | {
      ok: false;
      commandId?: string;
      code: CommandErrorCode;
      message: string;
      path?: (string | number)[];
      refused?: UnitRefusal[];
    };
