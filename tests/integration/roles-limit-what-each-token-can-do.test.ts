import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectLive } from '../helpers/live-client';
import { api, startTestServer, tokenFor } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe('roles', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('roles', BROKERS[0]!, 'ent-a');
    server = await startTestServer(h.iso);
    // One refused message from each of two agencies.
    await h.publish('sensor', { id: 'nope', ts: new Date().toISOString(), value: 1 });
    await h.pub.publishAsync(`${h.iso.topicRoot}/ent-b/sensor`, '{"id": 1}', { qos: 1 });
    await waitFor(async () => (await h.rejects()).length >= 2, 'two rejects');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  const login = (body: object) =>
    fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('sign in with a password or a display key, and refuse a wrong one the same way as an unknown one', async () => {
    expect((await login({ username: 'commander-1', password: 'pw-commander-1' })).status).toBe(200);
    const wall = await login({ display: 'wall-1', key: 'key-wall-1' });
    expect(await wall.json()).toMatchObject({ identity: { sub: 'wall-1', role: 'viewer' } });
    const wrong = await login({ username: 'commander-1', password: 'guess' });
    const unknown = await login({ username: 'nobody', password: 'guess' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('need a valid token for the API and the live connection', async () => {
    expect((await fetch(`${server.url}/api/v1/snapshot`)).status).toBe(401);
    const forged = await fetch(`${server.url}/api/v1/snapshot`, {
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.' },
    });
    expect(forged.status).toBe(401);
    const anonymous = connectLive(server.url);
    const err = await new Promise<Error>((r) => anonymous.socket.once('connect_error', r));
    expect(err.message).toBe('auth.required');
    anonymous.close();
  });

  it('let a viewer read the picture but not feeds or rejects', async () => {
    expect((await api(server, '/api/v1/snapshot', 'viewer')).status).toBe(200);
    expect((await api(server, '/api/v1/rejects', 'viewer')).status).toBe(403);
    const feeds = await api(server, '/api/v1/feeds', 'viewer');
    expect(feeds.status).toBe(403);
    expect(await feeds.json()).toMatchObject({ code: 'auth.forbidden' });
  });

  it("keep an agency to its own feed: its rejects, never another agency's, and no picture", async () => {
    const own = await api(server, '/api/v1/rejects', 'agency-a');
    const rejects = ((await own.json()) as { rejects: RejectNotice[] }).rejects;
    expect(rejects.map((r) => r.agency)).toEqual(['ent-a']);
    expect((await api(server, '/api/v1/rejects?agency=ent-b', 'agency-a')).status).toBe(403);
    expect((await api(server, '/api/v1/snapshot', 'agency-a')).status).toBe(403);
    const feeds = (await (await api(server, '/api/v1/feeds', 'agency-a')).json()) as {
      feeds: { agency: string }[];
    };
    expect(feeds.feeds.every((f) => f.agency === 'ent-a')).toBe(true);

    const socket = connectLive(server.url, { token: await tokenFor(server, 'agency-a') });
    const err = await new Promise<Error>((r) => socket.socket.once('connect_error', r));
    expect(err.message).toBe('auth.forbidden');
    socket.close();
  });

  it('let a commander read every agency', async () => {
    const all = (await (await api(server, '/api/v1/rejects')).json()) as {
      rejects: RejectNotice[];
    };
    expect(new Set(all.rejects.map((r) => r.agency))).toEqual(new Set(['ent-a', 'ent-b']));
  });
});
