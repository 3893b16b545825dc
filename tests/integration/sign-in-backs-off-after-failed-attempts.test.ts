import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import type { AuditEntry } from '../../server/src/commands/audit';
import { isolate } from '../helpers/isolation';
import { connectLive } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

/**
 * Every client here comes from 127.0.0.1; the server trusts the loopback proxy, so each request
 * says which address it is from with X-Forwarded-For, as nginx would.
 */
describe('failed sign-ins', () => {
  const iso = isolate('sign-in-limits');
  let server: RunningServer;
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis();
    server = await startTestServer(iso, {
      TRUST_PROXY: 'loopback',
      SIGNIN_FREE_ATTEMPTS: '3',
      SIGNIN_ADDRESS_FREE_ATTEMPTS: '6',
      SIGNIN_MAX_BACKOFF_S: '2',
    });
  });
  afterAll(async () => {
    await server.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  async function login(body: object, from: string) {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { code?: string; token?: string; retryAfterS?: number };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ...json };
  }
  const password = (username: string, from: string, pw = 'guess') =>
    login({ username, password: pw }, from);
  const displayKey = (key: string, from: string) => login({ display: 'wall-1', key }, from);
  /** Lets a back-off run out: nothing to await but the clock. */
  const waitOut = (s: number | string | null) =>
    new Promise((r) => setTimeout(r, Number(s) * 1000 + 100));

  it('answers 429 auth.too_many_attempts with Retry-After once the free attempts are used, even for the right password', async () => {
    const from = '192.0.2.10';
    for (let i = 0; i < 4; i++) {
      expect((await password('commander-1', from)).code).toBe('auth.invalid_credentials');
    }
    const refused = await password('commander-1', from, 'pw-commander-1');
    expect(refused).toMatchObject({ status: 429, code: 'auth.too_many_attempts', retryAfterS: 1 });
    expect(refused.retryAfter).toBe('1');

    // Each further failure doubles the wait, up to the cap (2 s here).
    await waitOut(refused.retryAfter);
    expect((await password('commander-1', from)).status).toBe(401);
    expect(await password('commander-1', from, 'pw-commander-1')).toMatchObject({
      status: 429,
      retryAfter: '2',
    });
    await waitOut(2);
    expect((await password('commander-1', from)).status).toBe(401);
    expect((await password('commander-1', from)).retryAfter).toBe('2');

    // Once the wait is over the right password signs in, and the account starts afresh.
    await waitOut(2);
    expect((await password('commander-1', from, 'pw-commander-1')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await password('commander-1', from)).status).toBe(401);
    expect((await password('commander-1', from, 'pw-commander-1')).status).toBe(200);
  });

  it('never locks out a wall that signed in while its display key is hammered from elsewhere', async () => {
    const wallAt = '192.0.2.20';
    const wall = await displayKey('key-wall-1', wallAt);
    expect(wall.status).toBe(200);

    const attacker = '198.51.100.7';
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) answers.push((await displayKey('guess', attacker)).status);
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(answers.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
    // Somewhere new, even the right key waits: the account itself is under attack.
    expect((await displayKey('key-wall-1', '203.0.113.5')).status).toBe(429);

    // The wall's token still reads the picture and connects; reloading with its key still works.
    const snapshot = await fetch(`${server.url}/api/v1/snapshot`, {
      headers: { authorization: `Bearer ${wall.token}` },
    });
    expect(snapshot.status).toBe(200);
    const live = connectLive(server.url, { token: wall.token! });
    try {
      await new Promise<void>((resolve, reject) => {
        live.socket.once('connect', resolve);
        live.socket.once('connect_error', reject);
      });
    } finally {
      live.close();
    }
    expect((await displayKey('key-wall-1', wallAt)).status).toBe(200);
  });

  it('limits one address trying many accounts, but not an account that signed in from there before', async () => {
    const from = '192.0.2.30';
    expect((await password('admin-1', from, 'pw-admin-1')).status).toBe(200);
    for (let i = 0; i < 7; i++) {
      expect((await password(`nobody-${i}`, from)).status).toBe(401);
    }
    expect(await password('nobody-7', from)).toMatchObject({ status: 429, retryAfterS: 1 });
    expect((await password('viewer-1', from, 'pw-viewer-1')).status).toBe(429);
    expect((await password('admin-1', from, 'pw-admin-1')).status).toBe(200);
    // Elsewhere, those accounts are untouched.
    expect((await password('viewer-1', '192.0.2.31', 'pw-viewer-1')).status).toBe(200);
  });

  it('audits each back-off: which account, from where, after how many failures', async () => {
    const admin = await password('admin-1', '192.0.2.40', 'pw-admin-1');
    const res = await fetch(`${server.url}/api/v1/audit?limit=100`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    const { audit } = (await res.json()) as { audit: AuditEntry[] };
    const lockouts = audit.filter((e) => e.what.type === 'auth.lockout');
    expect(lockouts).toContainEqual(
      expect.objectContaining({
        who: { address: '198.51.100.7' },
        what: {
          type: 'auth.lockout',
          scope: 'account',
          account: 'wall-1',
          failures: 4,
          retryAfterS: 1,
        },
      }),
    );
    expect(lockouts).toContainEqual(
      expect.objectContaining({
        who: { address: '192.0.2.30' },
        what: expect.objectContaining({ scope: 'address', failures: 7 }) as unknown,
      }),
    );
  });
});
