import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { createEventMaker, type EventMaker } from '../helpers/event-maker';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const MISSED = 1_000;

describe('a client resuming on any server instance', () => {
  let h: FeedHarness;
  let maker: EventMaker;
  /** Two instances on one prefix, as behind the load balancer; either may be restarted. */
  const servers: RunningServer[] = [];
  const start = async () => {
    const s = await startTestServer(h.iso, { TELEMETRY_HZ: '20' });
    servers.push(s);
    return s;
  };
  const idsAfter = async (id: string) =>
    ((await h.redis.xRange(h.keys.events, `(${id}`, '+')) ?? []).map((m) => m.id);

  /** Connects to `server`, applies one live event, disconnects: returns the id it applied. */
  async function applyOneThenLeave(server: RunningServer): Promise<string> {
    const a = await connectAs(server);
    await waitFor(() => a.received.snapshots[0], 'snapshot');
    await maker.make(1);
    const applied = await waitFor(() => a.received.events[0], 'a live event');
    a.close();
    return applied.id;
  }

  /** Reconnects to `server` from `since`: the missed events exactly, in order, then live ones. */
  async function resumeAndCheck(server: RunningServer, since: string) {
    const missed = await idsAfter(since);
    expect(missed).toHaveLength(MISSED);
    const began = performance.now();
    const b = await connectAs(server, { since });
    await waitFor(() => b.received.events.length >= MISSED, 'the missed events', 20_000);
    const replayMs = performance.now() - began;
    await maker.make(2);
    await waitFor(() => b.received.events.length >= MISSED + 2, 'two live events');
    expect(b.received.snapshots).toEqual([]);
    const ids = b.received.events.map((e) => e.id);
    expect(ids.slice(0, MISSED)).toEqual(missed);
    expect(ids).toEqual(await idsAfter(since));
    expect(new Set(ids).size).toBe(ids.length);
    b.close();
    console.info(`replayed ${MISSED} events in ${replayMs.toFixed(0)} ms`);
  }

  beforeAll(async () => {
    h = await startFeedHarness('resume-any', BROKERS[0]!);
    maker = createEventMaker(h);
    await start();
    await start();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await h.stop();
  });

  it('gets the 1,000 events it missed on server A from server B, then live ones', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const since = await applyOneThenLeave(a);
    const began = performance.now();
    await maker.make(MISSED);
    console.info(`produced ${MISSED} events in ${(performance.now() - began).toFixed(0)} ms`);
    await resumeAndCheck(b, since);
  });

  it('gets them from a server started after they happened', async () => {
    const since = await applyOneThenLeave(servers[0]!);
    await servers[0]!.close();
    await maker.make(MISSED);
    // A fresh process: its ring starts at the stream's end, so the replay comes from Redis.
    const restarted = await start();
    await resumeAndCheck(restarted, since);
  });
});
