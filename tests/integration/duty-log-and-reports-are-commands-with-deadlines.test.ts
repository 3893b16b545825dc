import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Alarm,
  reportAlarmId,
  reportId,
  type DutyEntry,
  type Report,
  type Snapshot,
} from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import type { AuditEntry } from '../../server/src/commands/audit';
import { BROKERS } from '../helpers/brokers';
import { createIncidentCommand, emitCommand, newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer } from '../helpers/product';
import { readStream } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/** A first report due 2 s after the clock starts, the written one 60 s: the overdue alarm comes quickly. */
const DEADLINES = { REPORT_FIRST_S: '2', REPORT_WRITTEN_S: '60', REPORT_FOLLOWUP_S: '120' };

const FIELDS = {
  title: '关于某化工厂爆炸事故的首报',
  time: '2026-12-07 14:00',
  place: '新北区',
  type: '爆炸',
  casualties: '受伤 15 人',
  actions: '已调派消防救援力量',
  resources: '消防车 3 辆',
  summary: '现场已控制',
};

describe('the duty log and reports up the chain (信息报送)', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('duty', BROKERS[0]!, 'ent-test', DEADLINES);
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  const snapshot = async () => (await (await api(server, '/api/v1/snapshot')).json()) as Snapshot;
  const report = async (id: string) => (await snapshot()).reports.find((r) => r.id === id);

  it('records a note, a call and a handover, timed and signed by the sender, each an event and audited', async () => {
    const before = Date.now();
    const note = await postCommand(server, {
      type: 'duty.entry',
      commandId: newCommandId(),
      kind: 'note',
      text: '接市政府值班室通知：今晚加强值守',
    });
    expect(note).toMatchObject({ status: 200, body: { ok: true } });
    const commander = await connectAs(server, {}, 'commander');
    try {
      const call = await emitCommand(commander, {
        type: 'duty.entry',
        commandId: newCommandId(),
        kind: 'call',
        text: '报告武进区某路段积水',
        caller: '武进区应急局',
        phone: '0519-86000000',
      });
      expect(call).toMatchObject({ ok: true });
    } finally {
      commander.close();
    }
    const handover = await postCommand(server, {
      type: 'duty.handover',
      commandId: newCommandId(),
      onDuty: [
        { duty: '带班领导', name: '王强', phone: '13800000001' },
        { duty: '值班员', name: '李明' },
      ],
      text: '夜班交接',
      open: ['新北区化工厂爆炸（II级）处置中'],
    });
    expect(handover).toMatchObject({ status: 200, body: { ok: true } });

    const duties = (await snapshot()).duties.sort((a, b) => a.at - b.at);
    expect(duties.map((d) => d.kind)).toEqual(['note', 'call', 'handover']);
    for (const d of duties) {
      expect(d.by).toBe('值班指挥员');
      expect(d.bySub).toBe('commander-1');
      expect(d.at).toBeGreaterThanOrEqual(before - 1_000);
    }
    expect(duties[1]).toMatchObject({ caller: '武进区应急局', phone: '0519-86000000' });
    expect(duties[2]).toMatchObject({
      onDuty: [
        { duty: '带班领导', name: '王强', phone: '13800000001' },
        { duty: '值班员', name: '李明' },
      ],
      open: ['新北区化工厂爆炸（II级）处置中'],
    });
    // Every change an event, every command audited.
    const events = await h.events();
    const logged = events.filter((e) => e.kind === 'duty' && e.op === 'upsert');
    expect(logged.map((e) => (e as { data: DutyEntry }).data.id).sort()).toEqual(
      duties.map((d) => d.id).sort(),
    );
    const audit = await readStream<AuditEntry>(h.redis, h.keys.audit);
    expect(audit.map((a) => a.what.type).filter((t) => t.startsWith('duty.'))).toEqual([
      'duty.entry',
      'duty.entry',
      'duty.handover',
    ]);
  });

  it('refuses a viewer and an agency, an empty note and a handover naming nobody, and writes nothing', async () => {
    const before = (await snapshot()).duties.length;
    const entry = { type: 'duty.entry', kind: 'note', text: '测试' };
    for (const role of ['viewer', 'agency-a'] as const) {
      const refused = await postCommand(server, { ...entry, commandId: newCommandId() }, role);
      expect(refused).toMatchObject({ status: 403, body: { code: 'command.forbidden' } });
    }
    const empty = await postCommand(server, { ...entry, commandId: newCommandId(), text: '  ' });
    expect(empty).toMatchObject({ status: 400, body: { code: 'command.invalid', path: ['text'] } });
    const nobody = await postCommand(server, {
      type: 'duty.handover',
      commandId: newCommandId(),
      onDuty: [],
    });
    expect(nobody).toMatchObject({ status: 400, body: { path: ['onDuty'] } });
    const report = await postCommand(
      server,
      { type: 'report.start', commandId: newCommandId(), incidentId: 'cc:x' },
      'viewer',
    );
    expect(report.status).toBe(403);
    expect((await snapshot()).duties.length).toBe(before);
  });

  it('starts the clocks of a level II incident; an overdue first report raises an alarm that clears once it is sent', async () => {
    const created = await postCommand(server, {
      ...createIncidentCommand('blast'),
      incident: { ...createIncidentCommand('blast').incident, level: 'II', title: '化工厂爆炸' },
    });
    expect(created.status).toBe(200);
    const firstId = reportId('cc:blast', 'first');
    const first = await waitFor(() => report(firstId), 'the first report clock');
    expect(first).toMatchObject({ stage: 'first', status: 'due', reason: 'level', versions: [] });
    expect(first.dueAt - first.startedAt).toBe(2_000);
    expect(await report(reportId('cc:blast', 'written'))).toMatchObject({ status: 'due' });

    // Past its deadline, unsent: the alarm is raised, naming the report and its incident.
    const alarmId = reportAlarmId(firstId);
    const alarm = await waitFor(
      async () => (await snapshot()).alarms.find((a) => a.id === alarmId),
      'the overdue alarm',
      15_000,
    );
    expect(alarm).toMatchObject({
      cause: 'report_overdue',
      status: 'active',
      reportId: firstId,
      incidentId: 'cc:blast',
    });

    // Sending needs a saved version.
    const unsaved = await postCommand(server, {
      type: 'report.send',
      commandId: newCommandId(),
      reportId: firstId,
      to: '市政府总值班室',
    });
    expect(unsaved).toMatchObject({ status: 409, body: { code: 'command.stale' } });

    // Two versions kept; the second sent.
    for (const summary of ['现场已控制', '现场已控制，无次生灾害']) {
      const saved = await postCommand(server, {
        type: 'report.save',
        commandId: newCommandId(),
        reportId: firstId,
        fields: { ...FIELDS, summary },
      });
      expect(saved).toMatchObject({ status: 200 });
    }
    const sent = await postCommand(server, {
      type: 'report.send',
      commandId: newCommandId(),
      reportId: firstId,
      to: '市政府总值班室、省应急管理厅',
    });
    expect(sent).toMatchObject({ status: 200 });
    const done = (await report(firstId)) as Report;
    expect(done.versions.map((v) => [v.v, v.by, v.fields.summary])).toEqual([
      [1, '值班指挥员', '现场已控制'],
      [2, '值班指挥员', '现场已控制，无次生灾害'],
    ]);
    expect(done).toMatchObject({
      status: 'sent',
      sent: { by: '值班指挥员', to: '市政府总值班室、省应急管理厅', version: 2 },
    });
    // The alarm clears once the report is sent.
    await waitFor(
      async () => !(await snapshot()).alarms.some((a) => a.id === alarmId),
      'the overdue alarm cleared',
    );
    const cleared = (await h.events())
      .filter((e) => e.kind === 'alarm' && e.op === 'upsert')
      .map((e) => Alarm.parse((e as { data: unknown }).data))
      .filter((a) => a.id === alarmId);
    expect(cleared.map((a) => a.status)).toEqual(['active', 'cleared']);
  });

  it('starts the clocks of an incident a commander marks, once', async () => {
    await postCommand(server, createIncidentCommand('minor'));
    const start = { type: 'report.start', incidentId: 'cc:minor' };
    const marked = await postCommand(server, { ...start, commandId: newCommandId() });
    expect(marked).toMatchObject({ status: 200 });
    expect(await report(reportId('cc:minor', 'first'))).toMatchObject({
      reason: 'marked',
      status: 'due',
    });
    const again = await postCommand(server, { ...start, commandId: newCommandId() });
    expect(again).toMatchObject({ status: 409, body: { code: 'command.stale' } });
    const none = await postCommand(server, {
      ...start,
      commandId: newCommandId(),
      incidentId: 'cc:nope',
    });
    expect(none.status).toBe(404);
  });
});
