import {
  Alarm,
  evaluateReportClocks,
  Incident,
  Report,
  reportAlarmId,
  type ReportDeadlines,
} from '@cc/shared';
import { commit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { parseState } from '../store/read-state';

/**
 * The reporting clocks (信息报送): starts them for open level I–II incidents, asks for follow-ups,
 * cancels those of closed incidents, and raises (and clears) `report_overdue` alarms; the
 * decisions are `evaluateReportClocks`'. Each write is a compare-and-set on the report's or the
 * alarm's observation time, so workers sweeping at once write each change once. Returns the
 * number of writes.
 */
export async function sweepReportClocks(
  ctx: FeedContext,
  deadlines: ReportDeadlines,
): Promise<number> {
  const { redis, keys } = ctx;
  const [incidentJson, reportJson, reportObs] = await Promise.all([
    redis.hVals(keys.state('incident')),
    redis.hVals(keys.state('report')),
    redis.hGetAll(keys.obs('report')),
  ]);
  const incidents = parseState(ctx, Incident, incidentJson);
  const reports = parseState(ctx, Report, reportJson);
  const alarmIds = reports.map((r) => reportAlarmId(r.id));
  const [alarmJson, alarmObs] =
    alarmIds.length === 0
      ? [[], []]
      : await Promise.all([
          redis.hmGet(keys.state('alarm'), alarmIds),
          redis.hmGet(keys.obs('alarm'), alarmIds),
        ]);
  const active = new Map(parseState(ctx, Alarm, alarmJson).map((a) => [a.id, a]));
  const raisedAt = new Map(
    alarmIds.flatMap((id, i) => (alarmObs[i] ? [[id, Number(alarmObs[i])] as const] : [])),
  );
  const now = ctx.now();
  const changes = evaluateReportClocks({
    now,
    deadlines,
    incidents,
    reports,
    active,
    raised: new Set(raisedAt.keys()),
  });
  let written = 0;
  for (const report of changes.reports) {
    const stored = reportObs[report.id];
    const expected = stored === undefined ? null : Number(stored);
    const ts = Math.max(report.ts, (expected ?? 0) + 1);
    const data = { ...report, ts };
    const result = await commit(
      redis,
      { obsKey: keys.obs('report'), id: report.id, ts, expected },
      [
        putJson(keys.state('report'), report.id, data),
        appendEvent(ctx, { kind: 'report', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') written++;
  }
  for (const alarm of changes.raise) {
    const guard = { obsKey: keys.obs('alarm'), id: alarm.id, ts: now, expected: null };
    const result = await commit(redis, guard, [
      putJson(keys.state('alarm'), alarm.id, alarm),
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    ]);
    if (result.status === 'ok') written++;
  }
  for (const alarm of changes.clear) {
    const expected = raisedAt.get(alarm.id) ?? null;
    const ts = Math.max(now, (expected ?? 0) + 1);
    const result = await commit(redis, { obsKey: keys.obs('alarm'), id: alarm.id, ts, expected }, [
      { op: 'hdel', key: keys.state('alarm'), field: alarm.id },
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    ]);
    if (result.status === 'ok') written++;
  }
  return written;
}
