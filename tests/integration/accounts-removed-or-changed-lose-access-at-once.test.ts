import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { SignedOut } from '@cc/shared';
import type { Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { createIncidentCommand, postCommand } from '../helpers/commands';
import { isolate } from '../helpers/isolation';
import { connectLive } from '../helpers/live-client';
import { TEST_USERS_FILE, startTestServer, tokenFor } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

interface UsersYaml {
  users: { id: string; role: string }[];
  displays: { id: string }[];
}

/**
 * The users file is edited while the server runs: a removed account's token stops working at once
 * (REST 401 `auth.revoked`, its socket told `signedOut` and disconnected), a demoted one's too,
 * and signing in again gives the new role's rights. Nobody else notices.
 */
describe('accounts removed or changed in the users file', () => {
  const iso = isolate('accounts-recheck');
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-users-'));
  const usersFile = path.join(dir, 'users.yaml');
  let server: RunningServer;
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis();
    copyFileSync(TEST_USERS_FILE, usersFile);
    server = await startTestServer(iso, { USERS_FILE: usersFile });
  });
  afterAll(async () => {
    await server.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Rewrites the users file as an editor would: a new file renamed over the old one. */
  function editUsers(change: (f: UsersYaml) => void) {
    const f = parse(readFileSync(usersFile, 'utf8')) as UsersYaml;
    change(f);
    writeFileSync(`${usersFile}.tmp`, stringify(f));
    renameSync(`${usersFile}.tmp`, usersFile);
  }
  const get = (token: string, p = '/api/v1/snapshot') =>
    fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } });

  async function connected(token: string) {
    const live = connectLive(server.url, { token });
    const signedOut: SignedOut[] = [];
    const reasons: string[] = [];
    live.socket.on('signedOut', (n) => signedOut.push(n));
    live.socket.on('disconnect', (reason) => reasons.push(reason));
    await new Promise<void>((resolve, reject) => {
      live.socket.once('connect', resolve);
      live.socket.once('connect_error', reject);
    });
    return { live, signedOut, reasons };
  }

  it('signs out a removed account on the file change: its socket is told why, its REST calls are 401', async () => {
    const viewerToken = await tokenFor(server, 'viewer');
    const wall = (await (
      await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ display: 'wall-1', key: 'key-wall-1' }),
      })
    ).json()) as { token: string };
    const viewer = await connected(viewerToken);
    const wallSocket = await connected(wall.token);

    editUsers((f) => {
      f.users = f.users.filter((u) => u.id !== 'viewer-1');
    });
    await waitFor(() => viewer.reasons.length > 0, 'the removed viewer disconnected');
    expect(viewer.signedOut).toEqual([{ code: 'auth.revoked' }]);
    expect(viewer.reasons).toEqual(['io server disconnect']);
    const rest = await get(viewerToken);
    expect(rest.status).toBe(401);
    expect(await rest.json()).toMatchObject({ code: 'auth.revoked' });
    // A reconnect with the same token is refused with the same reason.
    const again = connectLive(server.url, { token: viewerToken });
    const err = await new Promise<Error>((r) => again.socket.once('connect_error', r));
    expect(err.message).toBe('auth.revoked');
    again.close();

    // The wall, untouched, stays connected and reads on.
    expect(wallSocket.live.socket.connected).toBe(true);
    expect((await get(wall.token)).status).toBe(200);
    viewer.live.close();
    wallSocket.live.close();
  });

  it("demotes a commander at once: the old token is refused, a new sign-in has a viewer's rights", async () => {
    const oldToken = await tokenFor(server, 'commander');
    expect((await get(oldToken, '/api/v1/audit')).status).toBe(200);
    const commander = await connected(oldToken);

    editUsers((f) => {
      f.users.find((u) => u.id === 'commander-1')!.role = 'viewer';
    });
    await waitFor(() => commander.reasons.length > 0, 'the demoted commander disconnected');
    expect(commander.signedOut).toEqual([{ code: 'auth.revoked' }]);
    expect((await get(oldToken, '/api/v1/audit')).status).toBe(401);

    const res = await postCommand(server, createIncidentCommand('after'));
    expect(res).toMatchObject({ status: 403, body: { code: 'command.forbidden' } });
    commander.live.close();
  });

  it('keeps the accounts as they were when the new file does not parse, and reloads on request', async () => {
    const adminToken = await tokenFor(server, 'admin');
    writeFileSync(usersFile, 'version: 1\nusers: [');
    expect(server.reloadUsers('test')).toBe(false);
    expect((await get(adminToken)).status).toBe(200);

    copyFileSync(TEST_USERS_FILE, usersFile);
    expect(server.reloadUsers('test')).toBe(true);
    expect((await get(await tokenFor(server, 'viewer'))).status).toBe(200);
  });
});
