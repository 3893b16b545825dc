import { describe, expect, it } from 'vitest';
import {
  evaluateReportClocks,
  reportAlarmId,
  reportId,
  startReportClocks,
  type Incident,
  type Report,
} from '@cc/shared';

const D = { firstMs: 30 * 60_000, writtenMs: 60 * 60_000, followupMs: 4 * 3_600_000 };
const T0 = 1_800_000_000_000;

function incident(id: string, level: Incident['level'], status: Incident['status'] = 'responding') {
  return { id, level, status } as Incident;
}
const run = (incidents: Incident[], reports: Report[], now: number, raised: string[] = []) =>
  evaluateReportClocks({
    now,
    deadlines: D,
    incidents,
    reports,
    active: new Map(),
    raised: new Set(raised),
  });

describe('the reporting clocks', () => {
  it('start for open level I–II incidents only, once', () => {
    const out = run(
      [incident('a:1', 'II'), incident('a:2', 'III'), incident('a:3', 'I', 'closed')],
      [],
      T0,
    );
    expect(out.reports.map((r) => [r.id, r.dueAt - T0])).toEqual([
      [reportId('a:1', 'first'), D.firstMs],
      [reportId('a:1', 'written'), D.writtenMs],
    ]);
    expect(run([incident('a:1', 'II')], out.reports, T0 + 1).reports).toEqual([]);
  });

  it('raise one alarm per report past its deadline, never twice', () => {
    const reports = startReportClocks('a:1', T0, D, 'level');
    expect(run([incident('a:1', 'II')], reports, T0 + D.firstMs).raise).toEqual([]);
    const late = run([incident('a:1', 'II')], reports, T0 + D.firstMs + 1);
    expect(late.raise.map((a) => [a.id, a.cause, a.incidentId])).toEqual([
      [reportAlarmId(reportId('a:1', 'first')), 'report_overdue', 'a:1'],
    ]);
    const again = run([incident('a:1', 'II')], reports, T0 + D.firstMs + 2, [late.raise[0]!.id]);
    expect(again.raise).toEqual([]);
  });

  it('ask for a follow-up once the written report is sent, and cancel it when the incident closes', () => {
    const [first, written] = startReportClocks('a:1', T0, D, 'level');
    const sentAt = T0 + 50 * 60_000;
    const sent: Report = {
      ...written!,
      status: 'sent',
      sent: { at: sentAt, by: '值班员', to: '市政府', version: 1 },
    };
    const out = run([incident('a:1', 'II')], [first!, sent], sentAt + 1_000);
    expect(out.reports.map((r) => [r.id, r.stage, r.seq, r.dueAt])).toEqual([
      [reportId('a:1', 'followup', 1), 'followup', 1, sentAt + D.followupMs],
    ]);
    const closed = run([incident('a:1', 'II', 'closed')], [first!, sent, out.reports[0]!], sentAt);
    expect(closed.reports.map((r) => [r.id, r.status])).toEqual([
      [reportId('a:1', 'followup', 1), 'cancelled'],
    ]);
  });
});
