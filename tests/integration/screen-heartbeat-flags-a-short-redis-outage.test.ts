import { afterAll, describe, expect, it } from 'vitest';
import type { Heartbeat } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { startPrivateRedisServer } from '../helpers/private-redis';
import { waitFor } from '../helpers/wait';

/**
 * Shorter than the tail's blocking read (2 s) plus the grace the old check gave (3 s), even
 * counted from the start of a blocked read: only a check that flags the first failed read sees it.
 */
const OUTAGE_MS = 2_500;

describe("a screen's heartbeat", () => {
  let server: RunningServer | undefined;
  let redis: Awaited<ReturnType<typeof startPrivateRedisServer>> | undefined;
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  it('says the server cannot read the stream from the first failed read, and again once it reads', async () => {
    redis = await startPrivateRedisServer();
    server = await startTestServer(isolate('heartbeat-outage'), { REDIS_URL: redis.url });
    const screen = await connectAs(server);
    const beats: (Heartbeat & { receivedAt: number })[] = [];
    screen.socket.on('heartbeat', (beat) => beats.push({ ...beat, receivedAt: Date.now() }));
    try {
      await waitFor(() => beats.some((b) => b.tail), 'a healthy heartbeat');

      const port = redis.port;
      const stoppedAt = Date.now();
      await redis.stop();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      redis = await startPrivateRedisServer(port);
      const flagged = beats.filter((b) => !b.tail && b.receivedAt >= stoppedAt);
      expect(flagged.length, 'a heartbeat saying the stream is not read').toBeGreaterThan(0);

      await waitFor(
        () => beats.some((b) => b.tail && b.receivedAt > flagged[0]!.receivedAt),
        'a healthy heartbeat after the outage',
        20_000,
      );
    } finally {
      screen.close();
    }
  });
});
