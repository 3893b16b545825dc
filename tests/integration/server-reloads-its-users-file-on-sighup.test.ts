import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '@cc/shared/node';
import { freePort } from '../../scripts/start/ports';
import {
  killProductProcesses,
  spawnProduct,
  type ProductProcess,
} from '../helpers/fault-processes';
import { isolate } from '../helpers/isolation';
import { TEST_USERS_FILE } from '../helpers/product';
import { REDIS_URL, connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/** SIGHUP would end a Node process that does not handle it; the server re-reads its users file. */
describe('the server process on SIGHUP', () => {
  const iso = isolate('sighup');
  let redis: Redis;
  let server: ProductProcess;
  let url: string;
  beforeAll(async () => {
    redis = await connectRedis();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = await spawnProduct('server', {
      REDIS_URL,
      REDIS_PREFIX: iso.prefix,
      HOST: '127.0.0.1',
      PORT: port,
      USERS_FILE: TEST_USERS_FILE,
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    });
  });
  afterAll(async () => {
    await killProductProcesses();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  it('reloads the users file and keeps serving', async () => {
    process.kill(server.pid, 'SIGHUP');
    await waitFor(
      () =>
        server.logs().includes('"reason":"SIGHUP"') &&
        server.logs().includes('users file reloaded'),
      'the reload logged',
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer-1', password: 'pw-viewer-1' }),
    });
    expect(login.status).toBe(200);
    await server.stop('SIGTERM');
  });
});
