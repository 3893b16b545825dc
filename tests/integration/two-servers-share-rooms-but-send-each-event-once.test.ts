import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { createEventMaker, type EventMaker } from '../helpers/event-maker';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe('two server instances on one Redis prefix', () => {
  let h: FeedHarness;
  let maker: EventMaker;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    h = await startFeedHarness('two-servers', BROKERS[0]!);
    maker = createEventMaker(h);
    [a, b] = await Promise.all([startTestServer(h.iso), startTestServer(h.iso)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await h.stop();
  });

  it('send each live event to each client exactly once, whichever instance it is on', async () => {
    const onA = await connectAs(a);
    const onB = await connectAs(b);
    const snapshots = await Promise.all(
      [onA, onB].map((c) => waitFor(() => c.received.snapshots[0], 'snapshot')),
    );
    await maker.make(200);
    const expected = (
      (await h.redis.xRange(h.keys.events, `(${snapshots[0]!.eventId}`, '+')) ?? []
    ).map((m) => m.id);
    expect(expected).toHaveLength(200);
    for (const c of [onA, onB]) {
      await waitFor(() => c.received.events.length >= 200, 'the live events');
    }
    // A duplicate fanned out by the other instance would arrive right behind the original.
    await maker.make(1);
    for (const c of [onA, onB]) {
      await waitFor(() => c.received.events.length >= 201, 'one more live event');
      const ids = c.received.events.map((e) => e.id);
      expect(ids.slice(0, 200)).toEqual(expected);
      expect(new Set(ids).size).toBe(201);
      c.close();
    }
  });

  it('carry rooms, targeted notices and presence across instances', async () => {
    const onB = await connectAs(b, {}, 'commander');
    await waitFor(() => onB.received.snapshots[0], 'snapshot');
    const notices: unknown[] = [];
    // No notice event in the contract yet: sent and received untyped.
    (onB.socket as unknown as Socket).on('notice', (n: unknown) => notices.push(n));

    // Server A makes B's socket join a room, finds it there, and sends it a notice.
    await a.io.in(onB.socket.id!).socketsJoin('user:commander-1');
    const present = await a.io.in('user:commander-1').fetchSockets();
    expect(present.map((s) => s.id)).toEqual([onB.socket.id]);
    (a.io as unknown as Server).to('user:commander-1').emit('notice', { text: 'dispatch 12' });
    await waitFor(() => notices.length > 0, 'the notice on the other instance');
    expect(notices).toEqual([{ text: 'dispatch 12' }]);
    onB.close();
  });
});
