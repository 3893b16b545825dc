import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import { startTestServer, tokenFor } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

/** A raw POST, the body sent exactly as given. */
async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: await res.json() };
}

describe('a malformed request body', () => {
  const iso = isolate('bodies');
  let server: RunningServer;
  let redis: Redis;
  let auth: Record<string, string>;
  beforeAll(async () => {
    redis = await connectRedis();
    server = await startTestServer(iso);
    auth = { authorization: `Bearer ${await tokenFor(server, 'commander')}` };
  });
  afterAll(async () => {
    await server.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  const commands = () => `${server.url}/api/v1/commands`;
  const login = () => `${server.url}/api/v1/auth/login`;
  const invalid = { code: 'request.invalid', message: expect.any(String) as string };

  it.each([
    ['malformed JSON', '{"type": "incident.create",'],
    ['null', 'null'],
    ['a string', '"incident.create"'],
    ['a number', '42'],
    ['an array', '[{"type": "incident.create"}]'],
  ])('POST /api/v1/commands with %s is 400 request.invalid', async (_what, body) => {
    expect(await post(commands(), body, auth)).toEqual({ status: 400, body: invalid });
  });

  it('POST /api/v1/commands with a 2 MB body is 413 request.too_large', async () => {
    const body = JSON.stringify({ type: 'incident.create', padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(await post(commands(), body, auth)).toEqual({
      status: 413,
      body: { code: 'request.too_large', message: expect.stringContaining('limit') as string },
    });
  });

  it('says why the JSON did not parse', async () => {
    const { body } = await post(commands(), '{"a": ', auth);
    expect((body as { message: string }).message).toMatch(/not valid JSON/);
  });

  it('POST /api/v1/commands that is not JSON at all is 400 request.invalid', async () => {
    const res = await post(commands(), 'type=incident.create', {
      ...auth,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res).toEqual({ status: 400, body: invalid });
  });

  it.each([
    ['malformed JSON', '{"username": "commander-1", "password": '],
    ['null', 'null'],
    ['a string', '"commander-1"'],
  ])('POST /api/v1/auth/login with %s is 400 request.invalid', async (_what, body) => {
    expect(await post(login(), body)).toEqual({ status: 400, body: invalid });
  });

  it('POST /api/v1/auth/login over its 4 KB limit is 413 request.too_large', async () => {
    const body = JSON.stringify({ username: 'commander-1', password: 'x'.repeat(5 * 1024) });
    expect(await post(login(), body)).toMatchObject({
      status: 413,
      body: { code: 'request.too_large' },
    });
  });

  it('changes nothing: no command reaches the stream', async () => {
    expect(await redis.xLen(createKeys(iso.prefix).commands)).toBe(0);
  });
});
