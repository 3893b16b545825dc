import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/** Entries no reader can take as an event: not JSON, no field `e`, JSON that is no event. */
const MALFORMED = [
  { e: '{"kind":"incident","op":"upsert","data":' },
  { x: '1' },
  { e: '{"kind":"incident","op":"upsert","data":{"id":"no-fields"}}' },
];

describe('a malformed entry in the events stream', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let later: RunningServer | undefined;
  beforeAll(async () => {
    h = await startFeedHarness('malformed-event', BROKERS[0]!);
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await later?.close();
    await server.close();
    await h.stop();
  });

  it('is skipped and counted, and the events after it reach live and resuming screens', async () => {
    const live = await connectAs(server);
    try {
      const snapshot = await waitFor(() => live.received.snapshots[0], 'the first picture');
      for (const entry of MALFORMED) await h.redis.xAdd(h.keys.events, '*', entry);
      await h.publish('incident', INCIDENT_EXAMPLE);
      const incidentId = `${h.agency}:${INCIDENT_EXAMPLE.id}`;
      const isIncident = (e: { kind: string; op: string; data?: { id: string } }) =>
        e.kind === 'incident' && e.op === 'upsert' && e.data?.id === incidentId;
      await waitFor(
        () => live.received.events.some(isIncident),
        'the incident after the malformed entries on a live screen',
      );
      expect(live.received.events.filter((e) => e.kind === 'incident')).toHaveLength(1);

      // A server started after them has none in memory: a screen resuming from before them is
      // replayed from Redis, past the malformed entries, instead of being refused.
      later = await startTestServer(h.iso);
      const resuming = await connectAs(later, { since: snapshot.eventId });
      try {
        await waitFor(
          () => resuming.received.events.some(isIncident),
          'the incident replayed to a screen resuming from before the malformed entries',
        );
        expect(resuming.received.snapshots).toHaveLength(0);
        expect(resuming.socket.connected).toBe(true);
      } finally {
        resuming.close();
      }

      const metrics = await (await fetch(`${server.url}${API.metrics}`)).text();
      expect(metrics).toMatch(/^cc_unreadable_entries_total\{stream="events"\} 3$/m);
    } finally {
      live.close();
    }
  });
});
