import {
  DisasterReport,
  Incident,
  chinaDate,
  districtAt,
  zeroReportId,
  type Command,
  type DisasterHazard,
  type Identity,
  type IncidentType,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { CAS_ATTEMPTS } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { actor } from '../commands/alarm';
import { COMMAND_CENTER_AGENCY } from '../commands/incident';
import type {
  CommandContext,
  CommandFailure,
  CommandHandler,
  CommandOutcome,
} from '../commands/registry';

type ReportCommand = Extract<Command, { type: 'disaster.report' }>;
type Step = DisasterReport['history'][number]['action'];

/** The incident type a report's hazard makes (灾种 → 事件类型). */
const INCIDENT_TYPE: Record<DisasterHazard, IncidentType> = {
  flood: 'flood',
  drought: 'other',
  typhoon: 'flood',
  wind_hail: 'other',
  low_temperature: 'other',
  snow: 'other',
  earthquake: 'earthquake',
  geological: 'landslide',
  forest_fire: 'fire',
  other: 'other',
};

function forbidden(message: string, path?: string[]): CommandFailure {
  return { ok: false, code: 'command.forbidden', message, ...(path ? { path } : {}) };
}

/** An officer's area, or why the identity may not report. */
function officerArea(identity: Identity): Identity['area'] | CommandFailure {
  if (identity.role !== 'reporter' || !identity.area) {
    return forbidden('disasters are reported by disaster information officers for their own area');
  }
  return identity.area;
}

/** The report an officer's command stores: pending, counted for its area's district. Pure. */
export function newDisasterReport(
  command: ReportCommand,
  identity: Identity & { area: NonNullable<Identity['area']> },
  now: number,
): DisasterReport {
  const by = actor(identity);
  const { figures, photos, description, ...fields } = command.report;
  return DisasterReport.parse({
    ...fields,
    id: command.reportId,
    type: 'disaster',
    area: identity.area,
    district: identity.area.code.slice(0, 6),
    date: chinaDate(now),
    figures,
    reported: figures,
    ...(description ? { description } : {}),
    photos,
    status: 'pending',
    reportedBy: by,
    reporterSub: identity.sub,
    reportedAt: now,
    history: [{ at: now, by, action: 'report' }],
    ts: now,
  });
}

/** Stores a new report (or 零报告) once: its id already stored by the same officer is a resend. */
async function storeNew(
  ctx: CommandContext,
  data: DisasterReport,
  identity: Identity,
): Promise<CommandOutcome> {
  const result = await commit(
    ctx.redis,
    { obsKey: ctx.keys.obs('disasterreport'), id: data.id, ts: data.ts, expected: null },
    [
      putJson(ctx.keys.state('disasterreport'), data.id, data),
      appendEvent(ctx, { kind: 'disasterreport', op: 'upsert', data }),
    ],
  );
  if (result.status === 'ok') return { eventIds: result.streamIds };
  const held = await ctx.redis.hGet(ctx.keys.state('disasterreport'), data.id);
  const stored = held ? DisasterReport.safeParse(JSON.parse(held)) : undefined;
  // The phone sent it again (its link dropped before the answer): it is stored, once.
  if (stored?.success && stored.data.reporterSub === identity.sub) return { eventIds: [] };
  return {
    ok: false,
    code: 'command.stale',
    message: `disaster report ${data.id} already exists`,
    path: ['reportId'],
  };
}

/** `disaster.report`: 报灾, by an officer, for a place in its own district. */
export const handleDisasterReport: CommandHandler<'disaster.report'> = async (
  ctx,
  command,
  identity,
) => {
  const area = officerArea(identity);
  if (area && 'ok' in area) return area;
  const district = districtAt(command.report.location)?.code;
  if (district !== area!.code.slice(0, 6)) {
    return forbidden(
      `the location lies outside ${area!.name}: an officer reports for its own area only`,
      ['report', 'location'],
    );
  }
  const data = newDisasterReport(command, { ...identity, area: area! }, ctx.now());
  return storeNew(ctx, data, identity);
};

/** `disaster.zero`: 零报告, today's, for the officer's area; a second one the same day is a resend. */
export const handleDisasterZero: CommandHandler<'disaster.zero'> = async (
  ctx,
  _command,
  identity,
) => {
  const area = officerArea(identity);
  if (area && 'ok' in area) return area;
  const now = ctx.now();
  const date = chinaDate(now);
  const by = actor(identity);
  const data = DisasterReport.parse({
    id: zeroReportId(area!.code, date),
    type: 'zero',
    area: area!,
    district: area!.code.slice(0, 6),
    date,
    photos: [],
    status: 'verified',
    reportedBy: by,
    reporterSub: identity.sub,
    reportedAt: now,
    history: [{ at: now, by, action: 'report' }],
    ts: now,
  });
  const outcome = await storeNew(ctx, data, identity);
  // Another officer of the same area sent today's 零报告 already: that one counts.
  return 'ok' in outcome && outcome.code === 'command.stale' ? { eventIds: [] } : outcome;
};

/**
 * Changes a stored disaster report with a compare-and-set on `obs:disasterreport`; `change`
 * returns the new report (and any other writes that go with it) or a refusal.
 */
async function changeReport(
  ctx: CommandContext,
  reportId: string,
  change: (
    report: DisasterReport,
    at: number,
  ) => Promise<{ data: DisasterReport; ops?: CommitOp[] } | CommandFailure>,
): Promise<CommandOutcome> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [json, obs] = await Promise.all([
      ctx.redis.hGet(ctx.keys.state('disasterreport'), reportId),
      ctx.redis.hGet(ctx.keys.obs('disasterreport'), reportId),
    ]);
    if (!json) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no disaster report ${reportId}`,
        path: ['reportId'],
      };
    }
    const stored = DisasterReport.parse(JSON.parse(json));
    if (stored.type === 'zero') {
      return {
        ok: false,
        code: 'command.stale',
        message: 'a 零报告 is not verified',
        path: ['reportId'],
      };
    }
    const expected = obs === null ? null : Number(obs);
    const at = Math.max(ctx.now(), (expected ?? stored.ts) + 1);
    const changed = await change(stored, at);
    if ('ok' in changed) return changed;
    const data = DisasterReport.parse({ ...changed.data, ts: at });
    const result = await commit(
      ctx.redis,
      { obsKey: ctx.keys.obs('disasterreport'), id: reportId, ts: at, expected },
      [
        ...(changed.ops ?? []),
        putJson(ctx.keys.state('disasterreport'), reportId, data),
        appendEvent(ctx, { kind: 'disasterreport', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') return { eventIds: result.streamIds };
  }
  return {
    ok: false,
    code: 'command.stale',
    message: `disaster report ${reportId} kept changing; try again`,
  };
}

function step(report: DisasterReport, at: number, by: string, action: Step, note?: string) {
  return [...report.history, { at, by, action, ...(note ? { note } : {}) }];
}

function notFrom(report: DisasterReport, allowed: DisasterReport['status'][], what: string) {
  if (allowed.includes(report.status)) return undefined;
  return {
    ok: false as const,
    code: 'command.stale' as const,
    message: `report ${report.id} is ${report.status}: it cannot be ${what}`,
    path: ['reportId'],
  };
}

/** `disaster.verify`: 核灾 — the report counts, with the bureau's corrections. */
export const handleDisasterVerify: CommandHandler<'disaster.verify'> = (ctx, command, identity) =>
  changeReport(ctx, command.reportId, async (report, at) => {
    const refused = notFrom(report, ['pending', 'verified'], 'verified');
    if (refused) return refused;
    const by = actor(identity);
    const corrections = Object.fromEntries(
      Object.entries(command.corrections ?? {}).filter(([, v]) => v !== undefined),
    );
    return {
      data: {
        ...report,
        status: 'verified',
        figures: { ...report.figures!, ...corrections },
        verifiedBy: by,
        verifiedAt: at,
        history: step(report, at, by, 'verify', command.note),
      },
    };
  });

/** `disaster.reject`: the report does not count, and why. */
export const handleDisasterReject: CommandHandler<'disaster.reject'> = (ctx, command, identity) =>
  changeReport(ctx, command.reportId, async (report, at) => {
    const refused = notFrom(report, ['pending', 'verified'], 'rejected');
    if (refused) return refused;
    const by = actor(identity);
    return {
      data: {
        ...report,
        status: 'rejected',
        rejectReason: command.reason,
        history: step(report, at, by, 'reject', command.reason),
      },
    };
  });

/** `disaster.merge`: a duplicate folded into another report, so it is not counted twice. */
export const handleDisasterMerge: CommandHandler<'disaster.merge'> = (ctx, command, identity) =>
  changeReport(ctx, command.reportId, async (report, at) => {
    if (command.into === command.reportId) {
      return {
        ok: false,
        code: 'command.invalid',
        message: 'a report cannot be merged into itself',
        path: ['into'],
      };
    }
    const refused = notFrom(report, ['pending', 'verified'], 'merged');
    if (refused) return refused;
    const target = await ctx.redis.hGet(ctx.keys.state('disasterreport'), command.into);
    const into = target ? DisasterReport.safeParse(JSON.parse(target)) : undefined;
    if (!into?.success || into.data.type !== 'disaster' || into.data.status === 'merged') {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no report ${command.into} to merge into`,
        path: ['into'],
      };
    }
    const by = actor(identity);
    return {
      data: {
        ...report,
        status: 'merged',
        mergedInto: command.into,
        history: step(report, at, by, 'merge', command.into),
      },
    };
  });

/** `disaster.link`: the report belongs to an existing incident. */
export const handleDisasterLink: CommandHandler<'disaster.link'> = (ctx, command, identity) =>
  changeReport(ctx, command.reportId, async (report, at) => {
    const exists = await ctx.redis.hExists(ctx.keys.state('incident'), command.incidentId);
    if (!exists) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no incident ${command.incidentId}`,
        path: ['incidentId'],
      };
    }
    const by = actor(identity);
    return {
      data: {
        ...report,
        incidentId: command.incidentId,
        history: step(report, at, by, 'link', command.incidentId),
      },
    };
  });

const HAZARD_TITLE: Record<DisasterHazard, string> = {
  flood: '洪涝',
  drought: '干旱',
  typhoon: '台风',
  wind_hail: '风雹',
  low_temperature: '低温冷冻',
  snow: '雪灾',
  earthquake: '地震',
  geological: '地质灾害',
  forest_fire: '森林火灾',
  other: '自然灾害',
};

/** `disaster.incident`: a natural-disaster incident made from the report, and linked to it. */
export const handleDisasterIncident: CommandHandler<'disaster.incident'> = (
  ctx,
  command,
  identity,
) =>
  changeReport(ctx, command.reportId, async (report, at) => {
    const id = `${COMMAND_CENTER_AGENCY}:${command.id}`;
    if (await ctx.redis.hExists(ctx.keys.state('incident'), id)) {
      return { ok: false, code: 'command.stale', message: `incident ${id} exists`, path: ['id'] };
    }
    const by = actor(identity);
    const f = report.figures!;
    const incident = Incident.parse({
      id,
      agency: COMMAND_CENTER_AGENCY,
      type: INCIDENT_TYPE[report.hazard ?? 'other'],
      category: 'natural_disaster',
      level: command.level,
      status: 'reported',
      title: command.title ?? `${report.area.name}${HAZARD_TITLE[report.hazard ?? 'other']}`,
      ...(report.description ? { description: report.description } : {}),
      location: report.location,
      casualties: { dead: f.dead, injured: f.injured, missing: f.missing, trapped: 0 },
      reportedBy: by,
      ts: at,
    });
    return {
      ops: [
        { op: 'hset', key: ctx.keys.obs('incident'), field: id, value: String(at) },
        putJson(ctx.keys.state('incident'), id, incident),
        appendEvent(ctx, { kind: 'incident', op: 'upsert', data: incident }),
      ],
      data: {
        ...report,
        incidentId: id,
        history: step(report, at, by, 'create_incident', id),
      },
    };
  });
