import { DEFAULT_REPORT_DEADLINES, Incident, Report, startReportClocks } from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { CAS_ATTEMPTS } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { actor } from './alarm';
import type { CommandContext, CommandHandler, CommandOutcome } from './registry';

/** `report.start`: a commander marks an incident for reporting up the chain; its clocks start. */
export const handleReportStart: CommandHandler<'report.start'> = async (ctx, command) => {
  const json = await ctx.redis.hGet(ctx.keys.state('incident'), command.incidentId);
  if (json === null) {
    return {
      ok: false,
      code: 'command.unknown_entity',
      message: `no incident ${command.incidentId}`,
      path: ['incidentId'],
    };
  }
  const incident = Incident.parse(JSON.parse(json));
  const now = ctx.now();
  const deadlines = ctx.reportDeadlines ?? DEFAULT_REPORT_DEADLINES;
  const [first, written] = startReportClocks(incident.id, now, deadlines, 'marked');
  // Both reports or neither: the first report's guard decides, the written one's is set with it.
  const result = await commit(
    ctx.redis,
    { obsKey: ctx.keys.obs('report'), id: first!.id, ts: now, expected: null },
    [
      { op: 'hset', key: ctx.keys.obs('report'), field: written!.id, value: String(now) },
      ...[first!, written!].flatMap((r): CommitOp[] => [
        putJson(ctx.keys.state('report'), r.id, r),
        appendEvent(ctx, { kind: 'report', op: 'upsert', data: r }),
      ]),
    ],
  );
  if (result.status === 'ok') return { eventIds: result.streamIds };
  return {
    ok: false,
    code: 'command.stale',
    message: `the reporting clocks of ${incident.id} are already running`,
    path: ['incidentId'],
  };
};

/** Changes a report with a compare-and-set on its `obs:report` time. */
async function changeReport(
  ctx: CommandContext,
  id: string,
  change: (report: Report, at: number) => Report | string,
): Promise<CommandOutcome> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [json, obs] = await Promise.all([
      ctx.redis.hGet(ctx.keys.state('report'), id),
      ctx.redis.hGet(ctx.keys.obs('report'), id),
    ]);
    if (json === null) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no report ${id}`,
        path: ['reportId'],
      };
    }
    const stored = Report.parse(JSON.parse(json));
    const expected = obs === null ? null : Number(obs);
    const at = Math.max(ctx.now(), (expected ?? stored.ts) + 1);
    const changed = change(stored, at);
    if (typeof changed === 'string') return { ok: false, code: 'command.stale', message: changed };
    const data = { ...changed, ts: at };
    const result = await commit(
      ctx.redis,
      { obsKey: ctx.keys.obs('report'), id, ts: at, expected },
      [
        putJson(ctx.keys.state('report'), id, data),
        appendEvent(ctx, { kind: 'report', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') return { eventIds: result.streamIds };
  }
  return { ok: false, code: 'command.stale', message: `report ${id} kept changing; try again` };
}

/** The report with one more version, saved by `by` at `at`. Pure. */
export function saveVersion(
  report: Report,
  fields: Report['versions'][number]['fields'],
  by: string,
  at: number,
): Report | string {
  if (report.status === 'cancelled') return `report ${report.id} was cancelled`;
  const v = report.versions.length + 1;
  return { ...report, versions: [...report.versions, { v, at, by, fields }] };
}

/** The report marked sent (its latest version) to `to`. Pure. */
export function markSent(report: Report, to: string, by: string, at: number): Report | string {
  if (report.status === 'cancelled') return `report ${report.id} was cancelled`;
  const latest = report.versions[report.versions.length - 1];
  if (!latest) return `report ${report.id} has no saved version to send: save it first`;
  return { ...report, status: 'sent', sent: { at, by, to, version: latest.v } };
}

/** `report.save`: a new version of the report (every version is kept). */
export const handleReportSave: CommandHandler<'report.save'> = (ctx, command, identity) =>
  changeReport(ctx, command.reportId, (report, at) =>
    saveVersion(report, command.fields, actor(identity), at),
  );

/** `report.send`: the report went up the chain, to whom; its overdue alarm clears. */
export const handleReportSend: CommandHandler<'report.send'> = (ctx, command, identity) =>
  changeReport(ctx, command.reportId, (report, at) =>
    markSent(report, command.to, actor(identity), at),
  );
