import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_GROUP, type ReplayPicture, type ReplaySpan, type Snapshot } from '@cc/shared';
import {
  applyEvents,
  applySnapshot,
  applyTelemetry,
  initialLiveData,
} from '@cc/shared/live/reducers';
import { startArchiver, type Archiver } from '../../archiver/src/archiver';
import { snapshotOf } from '../../server/src/replay/build';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { createIncidentCommand, newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { testSchema, type TestSchema } from '../helpers/postgres';
import { api, quietLog, startTestServer } from '../helpers/product';
import { REDIS_URL } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';
const GAS = 'tank-farm-1-gas1';

/**
 * What a screen shows of a snapshot (active alarms, open hidden hazards; `applySnapshot`), every
 * list in id order, without the time it was taken.
 */
function picture(s: Snapshot) {
  const shown = snapshotOf(applySnapshot(initialLiveData(), s, 0), 0);
  const sorted = Object.fromEntries(
    Object.entries(shown).map(([k, v]) => [
      k,
      Array.isArray(v) ? [...(v as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id)) : v,
    ]),
  );
  delete sorted.at;
  return sorted;
}

describe('replay from the archive', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let db: TestSchema;
  let archiver: Archiver;
  let t1: Snapshot;
  let t2: Snapshot;

  const live = async () =>
    (await (await api(server, '/api/v1/snapshot', 'viewer')).json()) as Snapshot;
  const eventCount = async () => (await h.redis.xLen(h.keys.events)) as number;
  /**
   * Publishes readings observed now, as a sensor reports (telemetry is replayed by observation
   * time), and waits until ingest has stored them.
   */
  async function readings(values: [string, number][]) {
    const t = Date.now();
    const items = values.map(([id, v]) => [id, v, t] as const);
    await h.publish(
      'sensor',
      items.map(([id, v, t]) => reading(id, v, t)),
    );
    for (const [id, , t] of items)
      await waitFor(async () => (await h.reading(id))?.ts === t, `${id} at ${t}`);
  }
  async function command(c: unknown) {
    const before = await eventCount();
    const result = await postCommand(server, c);
    expect(result.body).toMatchObject({ ok: true });
    await waitFor(async () => (await eventCount()) > before, 'the command applied');
  }
  /** Until the archive holds every event in the stream and every telemetry entry is committed. */
  async function archived() {
    await waitFor(
      async () => {
        const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
        if (Number(rows[0]?.n) !== (await eventCount())) return false;
        const groups = (await h.redis.xInfoGroups(h.keys.telemetry)) as unknown as {
          name: string;
          lag: number | null;
          pending: number;
        }[];
        const g = groups.find((x) => x.name === ARCHIVE_GROUP);
        return g?.lag === 0 && g.pending === 0;
      },
      'the archive caught up',
      30_000,
    );
  }
  const replayAt = async (at: number) => {
    const res = await api(
      server,
      `/api/v1/replay/snapshot?at=${new Date(at).toISOString()}`,
      'viewer',
    );
    expect(res.status).toBe(200);
    return (await res.json()) as ReplayPicture;
  };

  beforeAll(async () => {
    h = await startFeedHarness('replay', BROKERS[0]!);
    db = await testSchema(h.iso);
    server = await startTestServer(h.iso, { DATABASE_URL: db.url });
    archiver = await startArchiver({
      redisUrl: REDIS_URL,
      redisPrefix: h.iso.prefix,
      databaseUrl: db.url,
      consumer: 'archiver-replay-test',
      // Samples every second: every reading of the scenario is in the archive.
      sampleMs: 1_000,
      // A checkpoint at start, another every 2 s: T1 and T2 are each built from one and the
      // events after it.
      snapshotMs: 2_000,
      log: quietLog,
      blockMs: 200,
    });
  }, 60_000);
  afterAll(async () => {
    await archiver?.close();
    await server?.close();
    await h?.stop();
    await db?.drop();
  });

  it('records the live snapshot at T1 and T2 during a scripted scenario', async () => {
    await readings([
      [LT, 50],
      [GAS, 0.5],
    ]);
    await readings([[LT, 97]]); // high-high: an alarm
    await command(createIncidentCommand('leak-1'));
    await waitFor(async () => (await live()).alarms.some((a) => a.status === 'active'), 'alarm');
    await new Promise((r) => setTimeout(r, 50));
    t1 = await live();
    expect(t1.alarms.filter((a) => a.status === 'active')).toHaveLength(1);
    expect(t1.incidents.map((i) => i.id)).toContain('cc:leak-1');

    // Let a checkpoint fall between T1 and T2.
    await waitFor(
      async () => {
        const { rows } = await db.pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM snapshots WHERE taken_at > $1',
          [new Date(t1.at + 100).toISOString()],
        );
        return Number(rows[0]?.n) > 0;
      },
      'a checkpoint after T1',
      20_000,
    );
    await readings([
      [LT, 50], // back to normal: the alarm clears
      [GAS, 3], // gas past high-high: another alarm
    ]);
    await command({
      type: 'incident.update',
      commandId: newCommandId(),
      incidentId: 'cc:leak-1',
      changes: { level: 'II' },
    });
    await command(createIncidentCommand('leak-2'));
    await command({
      type: 'incident.status',
      commandId: newCommandId(),
      incidentId: 'cc:leak-2',
      status: 'responding',
    });
    await new Promise((r) => setTimeout(r, 50));
    t2 = await live();
    expect(t2.alarms.filter((a) => a.status === 'active').map((a) => a.hazardId)).toHaveLength(1);
    expect(t2.incidents.find((i) => i.id === 'cc:leak-1')?.level).toBe('II');
    await archived();
  }, 120_000);

  it('replays the picture at T1 and at T2 equal to the recorded snapshots: entities, states, alarms, readings', async () => {
    const r1 = await replayAt(t1.at);
    const r2 = await replayAt(t2.at);
    expect(picture(r1.snapshot)).toEqual(picture(t1));
    expect(picture(r2.snapshot)).toEqual(picture(t2));
    // Each was built from a checkpoint plus archived events after it.
    expect(r1.checkpointAt).not.toBeNull();
    expect(r2.checkpointAt).toBeGreaterThan(t1.at);
    expect(r2.eventsApplied).toBeGreaterThan(0);
    // The alarm active at T1 is cleared at T2; the gas alarm is active at T2 only.
    expect(r1.snapshot.alarms.map((a) => a.id)).not.toEqual(r2.snapshot.alarms.map((a) => a.id));
  });

  it('plays from T1 to T2 with the events endpoint onto the T1 picture and arrives at T2', async () => {
    const r1 = await replayAt(t1.at);
    let data = applySnapshot(initialLiveData(), r1.snapshot, 0);
    let from = t1.at;
    for (;;) {
      const res = await api(
        server,
        `/api/v1/replay/events?from=${from}&to=${t2.at}&limit=2`,
        'viewer',
      );
      expect(res.status).toBe(200);
      const span = (await res.json()) as ReplaySpan;
      data = applyEvents(data, { events: span.events }, 0);
      data = applyTelemetry(data, { readings: span.readings, positions: span.positions }, 0);
      if (!span.more) break;
      expect(span.to).toBeGreaterThan(from);
      from = span.to;
    }
    expect(picture(snapshotOf(data, 0))).toEqual(picture(t2));
  });

  it('refuses a moment that is not a time, one in the future, a reversed span, and a role that may not see the picture', async () => {
    const bad = await api(server, '/api/v1/replay/snapshot?at=yesterday', 'viewer');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'api.invalid',
      message: expect.stringContaining('at'),
    });
    const future = await api(
      server,
      `/api/v1/replay/snapshot?at=${Date.now() + 3_600_000}`,
      'viewer',
    );
    expect(future.status).toBe(400);
    const reversed = await api(server, `/api/v1/replay/events?from=${t2.at}&to=${t1.at}`, 'viewer');
    expect(reversed.status).toBe(400);
    expect(await reversed.json()).toMatchObject({
      message: expect.stringContaining('from must be before to'),
    });
    const agency = await api(server, `/api/v1/replay/snapshot?at=${t1.at}`, 'agency-a');
    expect(agency.status).toBe(403);
  });
});
