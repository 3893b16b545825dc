import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HiddenHazard,
  type CommandResult,
  type HiddenHazardActionName,
  type LedgerPage,
  type LedgerStats,
  type StampedEvent,
} from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import type { AuditEntry } from '../../server/src/commands/audit';
import { BROKERS } from '../helpers/brokers';
import { newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { HIDDENHAZARD_EXAMPLE } from '../helpers/kind-fixtures';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer, tokenFor, type TestRole } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/** The enterprise publishing: the test users file's `agency-a` speaks for it. */
const ENTERPRISE = 'ent-a';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(BROKERS)('on $name: a hidden hazard from self-check to close-out', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const photosDir = mkdtempSync(path.join(tmpdir(), 'cc-photos-'));
  beforeAll(async () => {
    h = await startFeedHarness('hh-loop', broker, ENTERPRISE, { HH_SWEEP_INTERVAL_MS: '200' });
    server = await startTestServer(h.iso, {
      PHOTOS_DIR: photosDir,
      TIPOFF_PER_ADDRESS_PER_HOUR: '2',
    });
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
    rmSync(photosDir, { recursive: true, force: true });
  });

  const stored = async (id: string) => {
    const json = await h.redis.hGet(h.keys.state('hiddenhazard'), id);
    return json === null ? undefined : HiddenHazard.parse(JSON.parse(json));
  };
  const step = (
    id: string,
    s: Record<string, unknown>,
    role: TestRole,
    commandId = newCommandId(),
  ) =>
    postCommand(
      server,
      { type: 'hiddenhazard.step', commandId, hiddenHazardId: id, step: s },
      role,
    );
  /** Everyone who has no part in the step is refused with 403, and nothing changes. */
  async function refusedToOthers(id: string, s: Record<string, unknown>, others: TestRole[]) {
    const before = await stored(id);
    for (const role of others) {
      const r = await step(id, s, role);
      expect(r.status, `${role} ${String(s.action)}`).toBe(403);
      expect(r.body).toMatchObject({ ok: false, code: 'command.forbidden' });
    }
    expect(await stored(id)).toEqual(before);
  }

  it('walks the whole loop over MQTT and REST; viewers and another enterprise are refused at each step; the audit holds every step', async () => {
    const screen = await connectAs(server, {}, 'viewer');
    const commandIds: string[] = [];
    const take = async (id: string, s: Record<string, unknown>, role: TestRole = 'supervisor') => {
      const commandId = newCommandId();
      const r = await step(id, s, role, commandId);
      expect(r, `${role} ${String(s.action)}`).toMatchObject({ status: 200, body: { ok: true } });
      commandIds.push(commandId);
      return r.body;
    };
    try {
      // 企业自查: the enterprise reports over MQTT.
      // The docs' example (docs/feeds.md), as the enterprise's dual-prevention system sends it.
      await h.publish('hiddenhazard', HIDDENHAZARD_EXAMPLE);
      const id = `${ENTERPRISE}:${HIDDENHAZARD_EXAMPLE.id}`;
      const reported = await waitFor(() => stored(id), 'self-check stored');
      expect(reported).toMatchObject({
        stage: 'reported',
        source: 'self_check',
        agency: ENTERPRISE,
      });
      expect(reported.district).toMatch(/^3204\d\d$/);

      const others: TestRole[] = ['viewer', 'agency-b', 'commander'];
      await refusedToOthers(id, { action: 'file' }, [...others, 'agency-a']);
      await take(id, { action: 'file', note: '已建档' });
      await refusedToOthers(id, { action: 'assess', grade: 'major' }, others);
      await take(id, { action: 'assess', grade: 'major' });
      const rectification = {
        plan: '更换有毒气体报警器并联锁',
        responsible: '张厂长',
        deadline: Date.now() + 1_500,
        funds: 80_000,
      };
      await refusedToOthers(id, { action: 'rectify', rectification }, others);
      await take(id, { action: 'rectify', rectification });

      // The deadline passes: an overdue alarm reaches the screen, the site joins the set.
      const overdueAlarm = await waitFor(
        () =>
          screen.received.events.find(
            (e) =>
              e.kind === 'alarm' &&
              e.op === 'upsert' &&
              e.data.cause === 'overdue' &&
              e.data.status === 'active',
          ),
        'overdue alarm on the screen',
        15_000,
      );
      expect(overdueAlarm).toMatchObject({ data: { hiddenHazardId: id, level: 'HH' } });
      expect((await stored(id))?.overdueSince).toBeGreaterThan(rectification.deadline);
      expect((await h.redis.sMembers(h.keys.hiddenHazardsOverdueMajor)).sort()).toEqual([
        ENTERPRISE,
        `${ENTERPRISE}:tank-farm-1`,
      ]);

      // Evidence with a photo kept on disk, never in Redis.
      const upload = await fetch(`${server.url}/api/v1/hidden-hazards/photos`, {
        method: 'POST',
        headers: {
          'content-type': 'image/png',
          authorization: `Bearer ${await tokenFor(server, 'agency-a')}`,
        },
        body: PNG,
      });
      expect(upload.status).toBe(201);
      const photo = { id: ((await upload.json()) as { id: string }).id };
      expect(readdirSync(photosDir)).toContain(photo.id);
      const evidence = { action: 'submit_evidence', note: '已更换报警器', photos: [photo] };
      await refusedToOthers(id, evidence, ['viewer', 'agency-b']);
      await take(id, evidence, 'agency-a');
      await refusedToOthers(id, { action: 'verify_fail', reason: '未联锁' }, [
        ...others,
        'agency-a',
      ]);
      await take(id, { action: 'verify_fail', reason: '未提供联锁测试记录' });
      expect(await stored(id)).toMatchObject({ stage: 'rectifying' });
      await take(id, { action: 'submit_evidence', note: '补充联锁测试记录' }, 'agency-a');
      await take(id, { action: 'verify_pass', note: '验收合格' });

      // Verified: the alarm clears, the site leaves the set.
      await waitFor(
        () =>
          screen.received.events.find(
            (e) =>
              e.kind === 'alarm' &&
              e.op === 'upsert' &&
              e.data.cause === 'overdue' &&
              e.data.status === 'cleared',
          ),
        'overdue alarm cleared on the screen',
        15_000,
      );
      expect(await h.redis.sMembers(h.keys.hiddenHazardsOverdueMajor)).toEqual([]);

      // A 重大 item is not closed before it is supervised: the refusal names the next step.
      const early = await step(id, { action: 'close' }, 'supervisor');
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ ok: false, code: 'command.stale' });
      if (!early.body.ok) expect(early.body.message).toContain('allowed: supervise');
      const supervision = {
        department: '市应急管理局',
        supervisor: '李科长',
        deadline: Date.now() + 86_400_000,
      };
      await refusedToOthers(id, { action: 'supervise', supervision }, [...others, 'agency-a']);
      await take(id, { action: 'supervise', supervision });
      await refusedToOthers(id, { action: 'close' }, [...others, 'agency-a']);
      const closeId = newCommandId();
      const closed = await step(id, { action: 'close', note: '销号' }, 'supervisor', closeId);
      expect(closed).toMatchObject({ status: 200, body: { ok: true } });
      commandIds.push(closeId);

      // The same command again is applied once and answered the same.
      const again = await step(id, { action: 'close', note: '销号' }, 'supervisor', closeId);
      expect(again.body).toEqual(closed.body);

      const item = (await (
        await api(server, `/api/v1/hidden-hazards/${encodeURIComponent(id)}`, 'supervisor')
      ).json()) as {
        item: HiddenHazard;
        steps: HiddenHazardActionName[];
      };
      expect(item.steps).toEqual([]);
      expect(item.item.history.map((s) => `${s.action}:${s.to}`)).toEqual([
        'report:reported',
        'file:filed',
        'assess:assessed',
        'rectify:rectifying',
        'submit_evidence:verifying',
        'verify_fail:rectifying',
        'submit_evidence:verifying',
        'verify_pass:verified',
        'supervise:supervised',
        'close:closed',
      ]);
      expect(item.item.photos).toEqual([photo]);
      const events = screen.received.events.filter(
        (e): e is Extract<StampedEvent, { kind: 'hiddenhazard' }> => e.kind === 'hiddenhazard',
      );
      expect(events.at(-1)?.op === 'upsert' && events.at(-1)?.data.stage).toBe('closed');

      // The audit log holds every step, in order, with who took it.
      const audit = (await (await api(server, '/api/v1/audit?limit=100', 'supervisor')).json()) as {
        audit: AuditEntry[];
      };
      const audited = audit.audit
        .filter((a) => 'commandId' in a.what && commandIds.includes(a.what.commandId))
        .reverse();
      // Every step once, in order (the repeated close-out is audited as sent, and applied once).
      const auditedIds = audited.map((a) => (a.what as { commandId: string }).commandId);
      expect([...new Set(auditedIds)]).toEqual(commandIds);
      expect(audited.map((a) => ('role' in a.who ? a.who.role : undefined))).toContain('agency');

      // The ledger finds it by stage and enterprise, and counts it closed this month.
      const ledger = (await (
        await api(
          server,
          `/api/v1/hidden-hazards?stage=closed&enterprise=${ENTERPRISE}`,
          'supervisor',
        )
      ).json()) as LedgerPage;
      expect(ledger.items.map((i) => i.id)).toEqual([id]);
      const stats = (await (
        await api(server, '/api/v1/hidden-hazards/stats', 'viewer')
      ).json()) as LedgerStats;
      expect(stats.total.closedThisMonth).toBeGreaterThanOrEqual(1);
      expect(stats.averageDaysToClose).not.toBeNull();
    } finally {
      screen.close();
    }
  });

  it('takes tip-offs without an account, rate-limited per address, and supervisors move them', async () => {
    const tip = {
      enterprise: '某商场',
      sector: 'crowded_places',
      description: '安全出口被货物堵塞',
      location: [119.95, 31.77],
    };
    const post = (body: unknown) =>
      fetch(`${server.url}/api/v1/hidden-hazards/tip-offs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ ...tip, location: [500, 31] });
    expect(bad.status).toBe(400);
    const first = await post(tip);
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as CommandResult & { id: string };
    expect(await stored(id)).toMatchObject({
      source: 'tip_off',
      stage: 'reported',
      reportedBy: '群众举报',
    });
    expect((await post(tip)).status).toBe(202);
    const limited = await post(tip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await step(id, { action: 'file' }, 'supervisor')).status).toBe(200);
  });
});
