import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../ingest/src/broker/embedded';
import type { RunningIngest } from '../../ingest/src/ingest';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import { startPrivateRedisServer } from '../helpers/private-redis';
import { startTestIngest, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe('GET /readyz', () => {
  let server: RunningServer | undefined;
  let ingest: RunningIngest | undefined;
  let broker: EmbeddedBroker | undefined;
  let redis: Awaited<ReturnType<typeof startPrivateRedisServer>> | undefined;
  afterAll(async () => {
    await server?.close();
    await ingest?.close();
    await broker?.close();
    await redis?.stop();
  });

  it('is 200 while Redis and the stream tail are healthy, 503 while Redis is gone, 200 again after', async () => {
    redis = await startPrivateRedisServer();
    broker = await startEmbeddedBroker(0);
    const iso = isolate('readyz');
    const env = { REDIS_URL: redis.url };
    server = await startTestServer(iso, env);
    const status = async () => (await fetch(`${server!.url}/readyz`)).status;
    const healthz = async () => (await fetch(`${server!.url}/healthz`)).status;
    // Without ingest nothing is stored: not ready.
    expect(await status()).toBe(503);
    ingest = await startTestIngest(iso, `mqtt://127.0.0.1:${broker.port}`, env);
    await waitFor(async () => (await status()) === 200, 'ready once ingest reports');

    const port = redis.port;
    await redis.stop();
    await waitFor(async () => (await status()) === 503, 'not ready without Redis');
    const body = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: object };
    expect(body.checks).toMatchObject({ redis: false });
    // Alive, just not ready: an orchestrator should wait, not restart it.
    expect(await healthz()).toBe(200);

    redis = await startPrivateRedisServer(port);
    await waitFor(async () => (await status()) === 200, 'ready again', 20_000);
  });
});
