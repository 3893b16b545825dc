import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { FeedsResponse, type FeedHealth } from '@cc/shared';
import type { Redis } from '@cc/shared/node';
import { createApp } from '../../server/src/http/app';
import { createAuthenticator } from '../../server/src/auth/authenticator';
import { createTokens } from '../../server/src/auth/tokens';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { api, startTestServer } from '../helpers/product';
import { REDIS_URL } from '../helpers/redis';
import { waitFor } from '../helpers/wait';
import type { RunningServer } from '../../server/src/server';

const LT = 'tank-farm-1-lt1';
const GAS = 'tank-farm-1-gas1';

describe.each(BROKERS)('on $name: GET /api/v1/feeds', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const feeds = async () => FeedsResponse.parse(await (await api(server, '/api/v1/feeds')).json());
  const feedOf = async (agency: string): Promise<FeedHealth | undefined> =>
    (await feeds()).feeds.find((f) => f.agency === agency);

  beforeAll(async () => {
    h = await startFeedHarness('health', broker, 'ent-a');
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('reports each agency: last message, rate, totals and rejects by code', async () => {
    const started = Date.now();
    const t0 = started - 30_000;
    const raw = (agency: string, kind: string, payload: string) =>
      h.pub.publishAsync(`${h.iso.topicRoot}/${agency}/${kind}`, payload, { qos: 1 });
    // ent-a (its hazard is already registered by the harness): 4 applied readings, 2 refusals.
    for (let i = 0; i < 3; i++) await h.publish('sensor', reading(LT, 50 + i, t0 + i * 1000));
    await h.publish(
      'sensor',
      `{"id":"${LT}","ts":"${new Date(t0).toISOString()}","value":NaN}`,
      true,
    );
    await h.publish('sensor', [reading(GAS, 0.1, t0), reading('nope', 1, t0)]);
    // ent-b: three refusals, nothing applied; and a topic naming no valid agency at all.
    await raw('ent-b', 'sensor', '{"id": ');
    await raw('ent-b', 'sensor', '{"__proto__":{"x":1}}');
    await raw('ent-b', 'sensor', JSON.stringify(reading('unregistered', 1, t0)));
    await raw('NOT_AN_AGENCY', 'sensor', JSON.stringify(reading(LT, 1, t0)));

    const b = await waitFor(async () => {
      const f = await feedOf('ent-b');
      return f && f.total === 3 ? f : undefined;
    }, 'ent-b counted');
    const a = await waitFor(async () => {
      const f = await feedOf('ent-a');
      return f && f.total === 6 ? f : undefined;
    }, 'ent-a counted');

    expect(a).toMatchObject({
      agency: 'ent-a',
      total: 6, // hazard, 3 readings, NaN, a batch of two
      applied: 5,
      rejected: 2,
      rejectsByCode: { 'feed.invalid': 1, 'feed.unknown_sensor': 1 },
      silent: false,
    });
    expect(b).toMatchObject({
      total: 3,
      applied: 0,
      rejected: 3,
      rejectsByCode: { 'feed.bad_json': 1, 'feed.forbidden_key': 1, 'feed.unknown_sensor': 1 },
      silent: false,
    });
    // Every message arrived within the last minute: the rate is the count over 60 s.
    expect(a.messagesPerSecond).toBeCloseTo(6 / 60, 3);
    expect(b.messagesPerSecond).toBeCloseTo(3 / 60, 3);
    for (const f of [a, b]) {
      expect(f.lastMessageAt).toBeGreaterThanOrEqual(started);
      expect(f.lastMessageAt).toBeLessThanOrEqual(Date.now());
    }
    // Only valid agency ids have a feed; the feeds are listed by agency.
    expect((await feeds()).feeds.map((f) => f.agency)).toEqual(['ent-a', 'ent-b']);
  });

  it('answers with a JSON error and a code when Redis is unavailable', async () => {
    const closed: Redis = createClient({ url: REDIS_URL });
    await closed.connect();
    await closed.close();
    // Sign-in off: every request is an anonymous viewer, who may not read feeds (403) but reaches
    // the snapshot's handler, which needs Redis like this one.
    const auth = createAuthenticator({
      users: undefined,
      tokens: createTokens('unused'),
      tokenTtlS: 60,
      displayTokenTtlS: 60,
    });
    const http = createServer(
      createApp({ redis: closed, keys: h.keys, tailHealthy: () => true, auth }),
    );
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      const port = (http.address() as AddressInfo).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/feeds`)).status).toBe(403);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/snapshot`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'server.unavailable' });
    } finally {
      await new Promise<void>((r) => http.close(() => r()));
    }
  });
});
