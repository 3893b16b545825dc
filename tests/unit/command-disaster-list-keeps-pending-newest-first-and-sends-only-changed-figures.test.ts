import { describe, expect, it } from 'vitest';
import { DisasterReport, Incident } from '@cc/shared';
import {
  correctionsOf,
  invalidFigures,
  linkTargets,
  mergeTargets,
  pendingDisasterReports,
} from '../../client/src/command/disaster-reports';

const FIGURES = {
  affected: 1200,
  dead: 0,
  missing: 1,
  injured: 3,
  relocated: 300,
  housesCollapsed: 2,
  housesDamaged: 15,
  cropHa: 86.5,
  lossWanYuan: 420,
};

function report(id: string, reportedAt: number, fields: Partial<DisasterReport> = {}) {
  return DisasterReport.parse({
    id,
    type: 'disaster',
    area: { code: '320412101', name: '湖塘镇' },
    district: '320412',
    date: '2026-07-01',
    hazard: 'flood',
    figures: FIGURES,
    reported: FIGURES,
    status: 'pending',
    reportedBy: '湖塘镇灾害信息员',
    reporterSub: 'reporter-a',
    reportedAt,
    ts: reportedAt,
    ...fields,
  });
}

const byId = (...rs: DisasterReport[]) => new Map(rs.map((r) => [r.id, r]));

describe('the tablet’s disaster list', () => {
  it('keeps pending disaster reports, newest first, and no 零报告 or handled ones', () => {
    const reports = byId(
      report('old-report', 1_000),
      report('new-report', 3_000),
      report('verified-1', 4_000, { status: 'verified' }),
      report('zero-320412101-2026-07-01', 5_000, { type: 'zero', status: 'verified' }),
      report('rejected-1', 6_000, { status: 'rejected' }),
    );
    expect(pendingDisasterReports(reports).map((r) => r.id)).toEqual(['new-report', 'old-report']);
    // A report merges into another live report, never itself or a merged one.
    const withMerged = byId(...reports.values(), report('merged-1', 7_000, { status: 'merged' }));
    expect(mergeTargets(withMerged, 'new-report').map((r) => r.id)).toEqual([
      'verified-1',
      'old-report',
    ]);
  });

  it('sends as corrections only the figures typed differently, and names the invalid ones', () => {
    const typed = Object.fromEntries(Object.entries(FIGURES).map(([k, v]) => [k, String(v)]));
    expect(correctionsOf(FIGURES, typed)).toBeUndefined();
    expect(
      correctionsOf(FIGURES, { ...typed, affected: '1500', cropHa: ' 90.25 ', dead: '' }),
    ).toEqual({ affected: 1500, cropHa: 90.25 });
    expect(
      invalidFigures({ ...typed, affected: '-1', injured: '2.5', lossWanYuan: '12.5' }),
    ).toEqual(['affected', 'injured']);
  });

  it('offers the open incidents to link, natural disasters first', () => {
    const incident = (id: string, category: string, status: string, ts: number) =>
      Incident.parse({
        id,
        agency: 'cc',
        type: 'flood',
        category,
        level: 'III',
        status,
        title: id,
        location: [119.95, 31.7],
        ts,
      });
    const incidents = new Map(
      [
        incident('cc:fire', 'accident_disaster', 'reported', 3),
        incident('cc:flood', 'natural_disaster', 'reported', 1),
        incident('cc:closed', 'natural_disaster', 'closed', 5),
      ].map((i) => [i.id, i]),
    );
    expect(linkTargets(incidents).map((i) => i.id)).toEqual(['cc:flood', 'cc:fire']);
  });
});
