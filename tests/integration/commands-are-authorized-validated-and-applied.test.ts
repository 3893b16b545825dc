import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alarm, type LiveEvent, type Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import type { AuditEntry } from '../../server/src/commands/audit';
import { BROKERS } from '../helpers/brokers';
import { createIncidentCommand, emitCommand, newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';

describe('commands', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('commands', BROKERS[0]!);
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  const eventIds = async () =>
    ((await h.redis.xRange(h.keys.events, '-', '+')) ?? []).map((m) => m.id);
  const snapshot = async () => (await (await api(server, '/api/v1/snapshot')).json()) as Snapshot;

  it("applies a commander's incident.create over Socket.IO: its events are in the stream and the incident in the snapshot", async () => {
    const commander = await connectAs(server, {}, 'commander');
    try {
      const result = await emitCommand(commander, createIncidentCommand('fire-ws'));
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(result.eventIds).toHaveLength(1);
      expect(await eventIds()).toEqual(expect.arrayContaining(result.eventIds));
      const incident = (await snapshot()).incidents.find((i) => i.id === 'cc:fire-ws');
      expect(incident).toMatchObject({ agency: 'cc', status: 'reported', title: 'Fire fire-ws' });
    } finally {
      commander.close();
    }
  });

  it('applies the same over REST, and then an update and a status change', async () => {
    const created = await postCommand(server, createIncidentCommand('fire-rest'));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ok: true });
    const updated = await postCommand(server, {
      type: 'incident.update',
      commandId: newCommandId(),
      incidentId: 'cc:fire-rest',
      changes: { level: 'II', address: 'Wujin' },
    });
    expect(updated.status).toBe(200);
    const status = await postCommand(server, {
      type: 'incident.status',
      commandId: newCommandId(),
      incidentId: 'cc:fire-rest',
      status: 'responding',
    });
    expect(status.status).toBe(200);
    const incident = (await snapshot()).incidents.find((i) => i.id === 'cc:fire-rest');
    expect(incident).toMatchObject({ level: 'II', address: 'Wujin', status: 'responding' });
    // 已阅: the acknowledgement names who, when and the level seen (the wall lets go of it).
    const seen = await postCommand(server, {
      type: 'incident.acknowledge',
      commandId: newCommandId(),
      incidentId: 'cc:fire-rest',
    });
    expect(seen.status).toBe(200);
    const acknowledged = (await snapshot()).incidents.find((i) => i.id === 'cc:fire-rest');
    expect(acknowledged?.acknowledged).toMatchObject({ level: 'II', by: expect.any(String) });
    expect(acknowledged?.acknowledged?.at).toBeGreaterThanOrEqual(incident?.ts ?? Infinity);
    const unknown = await postCommand(server, {
      type: 'incident.status',
      commandId: newCommandId(),
      incidentId: 'cc:nope',
      status: 'closed',
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'command.unknown_entity' } });
  });

  it('refuses a viewer over Socket.IO and REST, and writes nothing', async () => {
    const before = await h.redis.xLen(h.keys.commands);
    const viewer = await connectAs(server, {}, 'viewer');
    try {
      const ws = await emitCommand(viewer, createIncidentCommand('fire-viewer'));
      expect(ws).toMatchObject({ ok: false, code: 'command.forbidden' });
    } finally {
      viewer.close();
    }
    const rest = await postCommand(server, createIncidentCommand('fire-viewer'), 'viewer');
    expect(rest).toMatchObject({ status: 403, body: { code: 'command.forbidden' } });
    expect(await h.redis.xLen(h.keys.commands)).toBe(before);
    expect(await h.redis.hGet(h.keys.state('incident'), 'cc:fire-viewer')).toBeNull();
  });

  it('refuses an invalid command with the path of the offending field', async () => {
    const command = createIncidentCommand('fire-bad');
    command.incident.location = [500, 31.78];
    const rest = await postCommand(server, command);
    expect(rest.status).toBe(400);
    expect(rest.body).toMatchObject({
      ok: false,
      code: 'command.invalid',
      path: ['incident', 'location', 0],
    });
    const commander = await connectAs(server, {}, 'commander');
    try {
      const ws = await emitCommand(commander, { type: 'incident.explode', commandId: 'x' });
      expect(ws).toMatchObject({ ok: false, code: 'command.invalid', path: ['type'] });
    } finally {
      commander.close();
    }
  });

  it('acknowledges and disposes of an alarm; the note is on the alarm and the command in the audit', async () => {
    const t0 = Date.now() - 10_000;
    await h.publish('sensor', reading(LT, 96.5, t0));
    const r = await waitFor(async () => (await h.reading(LT))?.alarmId, 'alarm raised');
    const ack = await postCommand(server, {
      type: 'alarm.ack',
      commandId: newCommandId(),
      alarmId: r,
      note: '已通知企业现场核实',
    });
    expect(ack).toMatchObject({ status: 200, body: { ok: true } });
    const commandId = newCommandId();
    const dispose = await postCommand(server, {
      type: 'alarm.dispose',
      commandId,
      alarmId: r,
      note: 'valve closed, area evacuated',
    });
    expect(dispose).toMatchObject({ status: 200, body: { ok: true } });
    const alarm = Alarm.parse(JSON.parse((await h.redis.hGet(h.keys.state('alarm'), r))!));
    expect(alarm.acknowledged).toMatchObject({
      by: expect.any(String),
      note: '已通知企业现场核实',
    });
    expect(alarm.disposal).toMatchObject({ note: 'valve closed, area evacuated' });
    const events = (await h.events()).filter(
      (e): e is Extract<LiveEvent, { kind: 'alarm'; op: 'upsert' }> =>
        e.kind === 'alarm' && e.op === 'upsert',
    );
    expect(events.at(-1)?.data.disposal?.note).toBe('valve closed, area evacuated');

    const audit = (await (await api(server, '/api/v1/audit?limit=5')).json()) as {
      audit: AuditEntry[];
    };
    expect(audit.audit[0]).toMatchObject({
      who: { sub: 'commander-1', role: 'commander' },
      at: expect.any(Number),
      what: { type: 'alarm.dispose', commandId, note: 'valve closed, area evacuated' },
    });
    expect(audit.audit[1]?.what).toMatchObject({ type: 'alarm.ack', note: '已通知企业现场核实' });
    expect((await api(server, '/api/v1/audit', 'viewer')).status).toBe(403);

    const missing = await postCommand(server, {
      type: 'alarm.dispose',
      commandId: newCommandId(),
      alarmId: 'ent-test:no-such-alarm',
      note: 'x',
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'command.unknown_entity' } });
  });

  it('applies a repeated commandId once and answers both with the first result', async () => {
    const command = createIncidentCommand('fire-twice');
    const [first, second] = await Promise.all([
      postCommand(server, command),
      postCommand(server, command),
    ]);
    const third = await postCommand(server, command);
    expect(first.body).toMatchObject({ ok: true });
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    const upserts = (await h.events()).filter(
      (e) => e.kind === 'incident' && e.op === 'upsert' && e.data.id === 'cc:fire-twice',
    );
    expect(upserts).toHaveLength(1);
  });
});
