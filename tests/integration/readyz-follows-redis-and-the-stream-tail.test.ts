import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@cc/shared/node';
import { startServer, type RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import { startPrivateRedisServer } from '../helpers/private-redis';
import { quietLog } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe('GET /readyz', () => {
  let server: RunningServer | undefined;
  let redis: Awaited<ReturnType<typeof startPrivateRedisServer>> | undefined;
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  it('is 200 while Redis and the stream tail are healthy, 503 while Redis is gone, 200 again after', async () => {
    redis = await startPrivateRedisServer();
    const config = loadConfig({
      REDIS_URL: redis.url,
      REDIS_PREFIX: isolate('readyz').prefix,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    server = await startServer(config, quietLog);
    const status = async () => (await fetch(`${server!.url}/readyz`)).status;
    const healthz = async () => (await fetch(`${server!.url}/healthz`)).status;
    expect(await status()).toBe(200);

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
