import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareStreamIds } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { createEventMaker, type EventMaker } from '../helpers/event-maker';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe('a client whose last event was trimmed from the stream', () => {
  let h: FeedHarness;
  let maker: EventMaker;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    h = await startFeedHarness('resume-trim', BROKERS[0]!);
    maker = createEventMaker(h);
    [a, b] = await Promise.all([startTestServer(h.iso), startTestServer(h.iso)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await h.stop();
  });

  it('gets a snapshot tagged with an event id, then every later event: never a gap', async () => {
    const first = await connectAs(a);
    await waitFor(() => first.received.snapshots[0], 'snapshot');
    await maker.make(1);
    const applied = await waitFor(() => first.received.events[0], 'a live event');
    first.close();

    await maker.make(51);
    // Exact trimming, so the client's id is certainly gone (the product trims with `~`).
    await h.redis.xTrim(h.keys.events, 'MAXLEN', 10);
    const [oldest] = (await h.redis.xRange(h.keys.events, '-', '+', { COUNT: 1 })) ?? [];
    expect(compareStreamIds(oldest!.id, applied.id)).toBeGreaterThan(0);

    // Server B still holds the client's id in its ring; the stream decides, not the ring.
    const again = await connectAs(b, { since: applied.id });
    const snapshot = await waitFor(() => again.received.snapshots[0], 'snapshot');
    const [newest] = (await h.redis.xRevRange(h.keys.events, '+', '-', { COUNT: 1 })) ?? [];
    expect(snapshot.eventId).toBe(newest!.id);
    // 52 toggles from normal end cleared: the snapshot shows no active alarm.
    expect(snapshot.alarms.filter((x) => x.status === 'active')).toEqual([]);

    await maker.make(3);
    await waitFor(() => again.received.events.length >= 3, 'three live events');
    const after = ((await h.redis.xRange(h.keys.events, `(${snapshot.eventId}`, '+')) ?? []).map(
      (m) => m.id,
    );
    expect(again.received.events.map((e) => e.id)).toEqual(after);
    expect(after).toHaveLength(3);
    expect(again.received.snapshots).toHaveLength(1);
    again.close();
  });
});
