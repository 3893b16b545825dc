import { describe, expect, it } from 'vitest';
import {
  TOKEN_KEY,
  clearSession,
  displayKeyFromUrl,
  loadSession,
  login,
  saveSession,
  tokenExpiresAt,
  type TokenStorage,
} from '../../client/src/auth/session';

function memoryStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

/** An unsigned JWT-shaped token: only its payload is read by the client. */
function token(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part(payload)}.signature`;
}

function answer(status: number, body: unknown): typeof fetch {
  return (() => Promise.resolve(new Response(JSON.stringify(body), { status }))) as typeof fetch;
}

describe('client session', () => {
  it('takes a display key from the address and gives the address without it', () => {
    expect(displayKeyFromUrl('http://wall:8080/?display=wall-1&key=s3cret&lang=en#x')).toEqual({
      credentials: { display: 'wall-1', key: 's3cret' },
      cleanUrl: '/?display=wall-1&lang=en#x',
    });
    expect(displayKeyFromUrl('http://wall:8080/?key=s3cret')).toEqual({ cleanUrl: '/' });
    expect(displayKeyFromUrl('http://wall:8080/?display=wall-1')).toBeUndefined();
  });

  it('reads a token expiry and forgets an expired or unreadable token', () => {
    const t = token({ sub: 'commander-1', exp: 2_000 });
    expect(tokenExpiresAt(t)).toBe(2_000_000);
    expect(tokenExpiresAt('garbage')).toBeUndefined();

    const storage = memoryStorage();
    saveSession(storage, { token: t, kind: 'user' });
    expect(storage.items.get(TOKEN_KEY)).toBe(t);
    expect(loadSession(storage, 1_999_000)).toEqual({ token: t, kind: 'user' });
    expect(loadSession(storage, 2_000_000)).toBeUndefined();
    expect(storage.items.size).toBe(0);

    saveSession(storage, { token: 'garbage', kind: 'display' });
    expect(loadSession(storage, 0)).toBeUndefined();
    saveSession(storage, { token: t, kind: 'display' });
    expect(loadSession(storage, 0)?.kind).toBe('display');
    clearSession(storage);
    expect(storage.items.size).toBe(0);
  });

  it('maps the login answers', async () => {
    const identity = { sub: 'commander-1', role: 'commander' };
    expect(
      await login(
        { username: 'a', password: 'b' },
        answer(200, { identity, token: 'T', expiresAt: 5 }),
      ),
    ).toEqual({ outcome: 'ok', token: 'T', expiresAt: 5, identity });
    expect(
      await login({ username: 'a', password: 'b' }, answer(404, { code: 'auth.disabled' })),
    ).toEqual({ outcome: 'disabled' });
    expect(
      await login({ display: 'w', key: 'k' }, answer(401, { code: 'auth.invalid_credentials' })),
    ).toEqual({ outcome: 'invalid' });
    const throttled = (() =>
      Promise.resolve(
        new Response(JSON.stringify({ code: 'auth.too_many_attempts' }), {
          status: 429,
          headers: { 'retry-after': '8' },
        }),
      )) as typeof fetch;
    expect(await login({ display: 'w', key: 'k' }, throttled)).toEqual({
      outcome: 'throttled',
      retryAfterS: 8,
    });
    expect(await login({ username: 'a', password: 'b' }, answer(502, {}))).toEqual({
      outcome: 'failed',
      status: 502,
    });
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    expect(await login({ username: 'a', password: 'b' }, down)).toEqual({ outcome: 'failed' });
  });
});
