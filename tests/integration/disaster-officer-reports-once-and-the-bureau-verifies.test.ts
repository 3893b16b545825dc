import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisasterReport, Incident, type DisasterTotal, type LiveEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { createIncidentCommand, newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { api, startTestServer, tokenFor, type TestRole } from '../helpers/product';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** In 武进区, the district of reporter-a's town (湖塘镇). */
const IN_WUJIN: [number, number] = [119.95, 31.7];

const figures = {
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

// Reports are commands through Redis; the broker only carries the harness's feed.
const broker = BROKERS[0]!;

describe(`on ${broker.name}: a disaster information officer's report and its verification`, () => {
  let h: FeedHarness;
  let server: RunningServer;
  const photosDir = mkdtempSync(path.join(tmpdir(), 'cc-disaster-photos-'));
  beforeAll(async () => {
    h = await startFeedHarness('disaster', broker);
    server = await startTestServer(h.iso, { PHOTOS_DIR: photosDir, PHOTO_MAX_BYTES: '2000' });
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
    rmSync(photosDir, { recursive: true, force: true });
  });

  const post = async (p: string, body: unknown, role: TestRole) => {
    const res = await fetch(`${server.url}${p}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(server, role)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async (id: string) => {
    const json = await h.redis.hGet(h.keys.state('disasterreport'), id);
    return json === null ? undefined : DisasterReport.parse(JSON.parse(json));
  };
  const reportEvents = async (id: string) =>
    (await h.events()).filter(
      (e): e is Extract<LiveEvent, { kind: 'disasterreport'; op: 'upsert' }> =>
        e.kind === 'disasterreport' && e.op === 'upsert' && e.data.id === id,
    );
  const totals = async () =>
    (await (await api(server, '/api/v1/disaster-reports/totals', 'viewer')).json()) as {
      districts: DisasterTotal[];
      towns: DisasterTotal[];
      incidents: (DisasterTotal & { incidentId: string })[];
      missing: { code: string; name: string }[];
      pending: number;
    };

  it('a resent report (the link dropped before the answer) is stored once; verification corrects it, links it to an incident and the totals follow; others are refused', async () => {
    // Before anything: both officers' areas owe today's report.
    expect((await totals()).missing.map((a) => a.code).sort()).toEqual(['320412101', '320481']);

    // A photo, kept on disk (not in Redis); too large is refused.
    const up = await fetch(`${server.url}/api/v1/disaster-reports/photos`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(server, 'reporter-a')}`,
        'content-type': 'image/png',
      },
      body: PNG,
    });
    expect(up.status).toBe(201);
    const photo = ((await up.json()) as { id: string }).id;
    expect(existsSync(path.join(photosDir, 'disaster', photo))).toBe(true);
    const big = await fetch(`${server.url}/api/v1/disaster-reports/photos`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(server, 'reporter-a')}`,
        'content-type': 'image/png',
      },
      body: Buffer.concat([PNG, Buffer.alloc(4000)]),
    });
    expect(big.status).toBe(413);

    const id = randomUUID();
    const report = {
      id,
      hazard: 'flood',
      occurredAt: Date.now() - 3_600_000,
      location: IN_WUJIN,
      locationSource: 'gps',
      figures,
      description: '暴雨致村道积水、农田受淹',
      photos: [{ id: photo }],
    };
    const first = await post('/api/v1/disaster-reports', report, 'reporter-a');
    expect(first).toMatchObject({ status: 201, body: { ok: true, id } });
    // The phone did not hear the answer and sends the same report again: answered, not stored twice.
    const again = await post('/api/v1/disaster-reports', report, 'reporter-a');
    expect(again.status).toBeLessThan(300);
    expect(again.body).toMatchObject({ ok: true, id });
    // After the command's own record is gone (a day later), the report's id still holds.
    await h.redis.del(h.keys.commandResult(`dr:${id}`));
    const late = await post('/api/v1/disaster-reports', report, 'reporter-a');
    expect(late).toMatchObject({ status: 200, body: { ok: true, eventIds: [] } });
    expect(await reportEvents(id)).toHaveLength(1);
    const pending = await stored(id);
    expect(pending).toMatchObject({
      status: 'pending',
      area: { code: '320412101', name: '湖塘镇' },
      district: '320412',
      figures,
      photos: [{ id: photo }],
      reportedBy: '湖塘镇灾害信息员',
    });
    expect(await h.redis.hLen(h.keys.state('disasterreport'))).toBe(1);

    // Refusals reach the sender and change nothing.
    const viewerReport = await post(
      '/api/v1/disaster-reports',
      { ...report, id: randomUUID() },
      'viewer',
    );
    expect(viewerReport.status).toBe(403);
    const outside = await post(
      '/api/v1/disaster-reports',
      { ...report, id: randomUUID() },
      'reporter-b',
    );
    expect(outside).toMatchObject({ status: 403, body: { code: 'command.forbidden' } });
    expect(String(outside.body.message)).toContain('溧阳市');
    expect((await api(server, `/api/v1/disaster-reports/${id}`, 'reporter-b')).status).toBe(403);
    expect((await api(server, `/api/v1/disaster-reports/${id}`, 'reporter-a')).status).toBe(200);
    for (const role of ['viewer', 'reporter-a', 'reporter-b', 'agency-a'] as TestRole[]) {
      const r = await postCommand(
        server,
        { type: 'disaster.verify', commandId: newCommandId(), reportId: id },
        role,
      );
      expect(r.status, role).toBe(403);
    }
    const bad = await post('/api/v1/disaster-reports', { ...report, id: 'x' }, 'reporter-a');
    expect(bad.status).toBe(400);
    expect(await h.redis.hLen(h.keys.state('disasterreport'))).toBe(1);
    // Nothing verified yet: no totals.
    expect((await totals()).districts).toEqual([]);
    expect((await totals()).pending).toBe(1);

    // 核灾: a commander verifies with corrected figures.
    const verified = await postCommand(
      server,
      {
        type: 'disaster.verify',
        commandId: newCommandId(),
        reportId: id,
        corrections: { affected: 1500, lossWanYuan: 380 },
        note: '乡镇复核',
      },
      'commander',
    );
    expect(verified).toMatchObject({ status: 200, body: { ok: true } });
    expect(await stored(id)).toMatchObject({
      status: 'verified',
      figures: { ...figures, affected: 1500, lossWanYuan: 380 },
      reported: figures,
      verifiedBy: '值班指挥员',
    });
    const t1 = await totals();
    expect(t1.districts).toEqual([
      expect.objectContaining({ code: '320412', name: '武进区', reports: 1 }),
    ]);
    expect(t1.districts[0]!.figures).toMatchObject({ affected: 1500, relocated: 300 });
    expect(t1.towns).toEqual([
      expect.objectContaining({ code: '320412101', name: '湖塘镇', reports: 1 }),
    ]);

    // A duplicate from the same officer, merged: it does not count twice.
    const dupId = randomUUID();
    await post('/api/v1/disaster-reports', { ...report, id: dupId }, 'reporter-a');
    const merged = await postCommand(
      server,
      { type: 'disaster.merge', commandId: newCommandId(), reportId: dupId, into: id },
      'supervisor',
    );
    expect(merged).toMatchObject({ status: 200, body: { ok: true } });
    expect((await stored(dupId))?.status).toBe('merged');
    const verifyMerged = await postCommand(
      server,
      { type: 'disaster.verify', commandId: newCommandId(), reportId: dupId },
      'commander',
    );
    expect(verifyMerged.status).toBe(409);
    expect((await totals()).districts[0]!.reports).toBe(1);

    // Linked to an incident: the incident's totals.
    const incidentLocal = `flood-${randomUUID().slice(0, 8)}`;
    const created = await postCommand(server, createIncidentCommand(incidentLocal), 'commander');
    expect(created.status).toBe(200);
    const incidentId = `cc:${incidentLocal}`;
    const linked = await postCommand(
      server,
      { type: 'disaster.link', commandId: newCommandId(), reportId: id, incidentId },
      'commander',
    );
    expect(linked).toMatchObject({ status: 200, body: { ok: true } });
    expect((await stored(id))?.incidentId).toBe(incidentId);
    const t2 = await totals();
    expect(t2.incidents).toEqual([expect.objectContaining({ incidentId, reports: 1 })]);
    expect(t2.incidents[0]!.figures.affected).toBe(1500);
    const noIncident = await postCommand(
      server,
      { type: 'disaster.link', commandId: newCommandId(), reportId: id, incidentId: 'cc:none' },
      'commander',
    );
    expect(noIncident.status).toBe(404);

    // Another report becomes an incident of its own (natural disaster), linked to it.
    const other = randomUUID();
    await post(
      '/api/v1/disaster-reports',
      { ...report, id: other, hazard: 'geological', location: [119.9, 31.6] },
      'reporter-a',
    );
    const local = `dr-${other.slice(0, 8)}`;
    const made = await postCommand(
      server,
      {
        type: 'disaster.incident',
        commandId: newCommandId(),
        reportId: other,
        id: local,
        level: 'III',
      },
      'supervisor',
    );
    expect(made).toMatchObject({ status: 200, body: { ok: true } });
    const incident = Incident.parse(
      JSON.parse((await h.redis.hGet(h.keys.state('incident'), `cc:${local}`))!),
    );
    expect(incident).toMatchObject({
      category: 'natural_disaster',
      type: 'landslide',
      level: 'III',
      title: '湖塘镇地质灾害',
      location: [119.9, 31.6],
    });
    expect((await stored(other))?.incidentId).toBe(`cc:${local}`);

    // Rejected: it never counts.
    const rejected = await postCommand(
      server,
      { type: 'disaster.reject', commandId: newCommandId(), reportId: other, reason: '重复上报' },
      'commander',
    );
    expect(rejected.status).toBe(200);
    expect((await totals()).districts[0]!.reports).toBe(1);

    // 零报告 from the district officer: no area owes today's report any more; a second is a resend.
    expect((await totals()).missing.map((a) => a.code)).toEqual(['320481']);
    const zero = await post('/api/v1/disaster-reports/zero', {}, 'reporter-b');
    expect(zero).toMatchObject({ status: 200, body: { ok: true } });
    const zero2 = await post('/api/v1/disaster-reports/zero', {}, 'reporter-b');
    expect(zero2).toMatchObject({ status: 200, body: { ok: true, eventIds: [] } });
    expect((await totals()).missing).toEqual([]);
    expect((await post('/api/v1/disaster-reports/zero', {}, 'viewer')).status).toBe(403);
    const me = (await (await api(server, '/api/v1/disaster-reports/me', 'reporter-b')).json()) as {
      area: { code: string };
      today: DisasterReport[];
    };
    expect(me.area.code).toBe('320481');
    expect(me.today.map((r) => r.type)).toEqual(['zero']);

    // The audit log holds the officer's report and the bureau's steps.
    const { audit } = (await (
      await api(server, '/api/v1/audit?limit=100', 'commander')
    ).json()) as {
      audit: { what: { type: string } }[];
    };
    const types = audit.map((e) => e.what.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'disaster.report',
        'disaster.verify',
        'disaster.link',
        'disaster.zero',
      ]),
    );
  }, 60_000);
});
