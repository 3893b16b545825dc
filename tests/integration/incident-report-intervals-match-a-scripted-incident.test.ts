import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '@cc/shared/node';
import type { IncidentReport } from '../../server/src/report/model';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import type { TestSchema } from '../helpers/postgres';
import { api, startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import {
  archiveScenario,
  DISPATCH_NOTE,
  DISPOSAL_NOTE,
  HAZARD_ID,
  INCIDENT_ID,
  T0,
  TITLE,
  UNITS,
} from '../helpers/report-scenario';

/**
 * The after-action report of a scripted incident whose every time is known, read from a real
 * PostgreSQL archive (the archiver's own writer filled it) and the live registry in Redis.
 */
const iso = isolate('incident-report');
let redis: Redis;
let db: TestSchema;
let server: RunningServer;
let report: IncidentReport;
const reportPath = `/api/v1/incidents/${encodeURIComponent(INCIDENT_ID)}/report`;

beforeAll(async () => {
  redis = await connectRedis();
  db = await archiveScenario(iso, redis);
  server = await startTestServer(iso, { DATABASE_URL: db.url });
  const res = await api(server, reportPath, 'viewer');
  expect(res.status).toBe(200);
  report = (await res.json()) as IncidentReport;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.drop();
  await dropPrefix(redis, iso.prefix);
  await redis?.close();
});

const sec = (n: number) => n * 1000;

describe('the incident report', () => {
  it('comes from the archive, with the report, first dispatch and closing times', () => {
    expect(report.source).toBe('archive');
    expect(report.incident).toMatchObject({
      id: INCIDENT_ID,
      title: TITLE,
      level: 'III',
      peakLevel: 'III',
      status: 'closed',
    });
    expect(report.reportedAt).toBe(T0);
    expect(report.firstDispatchAt).toBe(T0 + sec(90));
    expect(report.closedAt).toBe(T0 + sec(3600));
  });

  it('measures each unit and the p50/p90 over the units exactly', () => {
    const iv = report.intervals;
    expect(iv.reportToFirstDispatch).toBe(sec(90));
    expect(iv.units.map((u) => [u.resourceId, u.toAcknowledge, u.toEnRoute, u.toOnScene])).toEqual(
      UNITS.map((u) => [u.id, sec(u.ack), sec(u.enRoute), sec(u.onScene)]),
    );
    // Nearest rank over three units: p50 is the second, p90 the third.
    expect(iv.toAcknowledge).toEqual({ n: 3, p50: sec(40), p90: sec(70) });
    expect(iv.toEnRoute).toEqual({ n: 3, p50: sec(60), p90: sec(100) });
    expect(iv.toOnScene).toEqual({ n: 3, p50: sec(600), p90: sec(900) });
  });

  it('lays out the timeline from report to closing, in order', () => {
    const kinds = report.timeline.map((e) => [e.kind, e.at - T0]);
    expect(kinds).toEqual(
      [
        ['reported', 0],
        ['dispatch', sec(90)],
        ['acknowledged', sec(115)],
        ['dispatch', sec(120)],
        ['dispatch', sec(150)],
        ['acknowledged', sec(160)],
        ['en_route', sec(130)],
        ['en_route', sec(180)],
        ['status', sec(200)],
        ['acknowledged', sec(220)],
        ['en_route', sec(250)],
        ['level', sec(300)],
        ['on_scene', sec(570)],
        ['on_scene', sec(720)],
        ['on_scene', sec(1050)],
        ['closed', sec(3600)],
      ].sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
    expect(report.timeline.find((e) => e.kind === 'level')).toMatchObject({
      from: 'IV',
      to: 'III',
    });
  });

  it('lists units, materials, casualties, warnings, hazards with their alarms, places and notes', () => {
    expect(report.units.map((u) => u.id)).toEqual(UNITS.map((u) => u.id));
    expect(report.materials).toEqual([
      { resourceId: 'fire:H-1', item: '堵漏器材', quantity: 4, unit: '套' },
    ]);
    expect(report.casualties.map((c) => [c.at - T0, c.injured])).toEqual([
      [0, 0],
      [sec(400), 2],
    ]);
    expect(report.warnings).toMatchObject([{ id: 'cma:W-1', coversIncident: true }]);
    expect(report.hazards).toMatchObject([
      {
        id: HAZARD_ID,
        alarms: [{ id: 'ent:alarm-1', raisedAt: T0 - sec(120), clearedAt: T0 + sec(350) }],
      },
    ]);
    expect(report.places.map((p) => p.id)).toEqual(['edu:S-1']);
    expect(report.notes.map((n) => [n.on, n.text])).toEqual([
      ['dispatch', DISPATCH_NOTE],
      ['alarm_dispose', DISPOSAL_NOTE],
    ]);
  });

  it('draws the map at the first dispatch and at the peak, all three units on scene', () => {
    expect(report.maps.map((m) => [m.moment, m.at - T0])).toEqual([
      ['first_dispatch', sec(90)],
      ['peak', sec(1050)],
    ]);
    const peakUnits = report.maps[1]!.features.filter((f) => f.kind === 'unit');
    expect(peakUnits.map((f) => f.status)).toEqual(['on_scene', 'on_scene', 'on_scene']);
    expect(report.maps[1]!.svg).toMatch(/^<svg[^>]*>.*<\/svg>$/s);
  });

  it('answers 404 for an unknown incident and 400 for a bad language', async () => {
    const missing = await api(server, '/api/v1/incidents/fire%3Anope/report', 'viewer');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('api.not_found');
    const bad = await api(server, `${reportPath}?lang=fr`, 'viewer');
    expect(bad.status).toBe(400);
  });

  it('prints a PDF whose text carries the figures, on A4 pages', async () => {
    const res = await api(server, `${reportPath}.pdf`, 'viewer');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of [
      '事件总结评估报告',
      TITLE,
      '接报 → 首次调派',
      '1:30',
      '10:00',
      '15:00',
      DISPATCH_NOTE,
      '湖塘实验小学',
      '液氨储罐区',
      '常州市气象台发布大风橙色预警',
    ]) {
      expect(text, words).toContain(words);
    }
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    // The README's example page (docs/screenshots/report-page1.png) is made from this file.
    if (process.env.REPORT_PDF_OUT) copyFileSync(file, process.env.REPORT_PDF_OUT);
  }, 90_000);
});
