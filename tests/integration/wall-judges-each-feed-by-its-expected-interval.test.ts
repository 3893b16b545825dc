import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallResponse } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { DEMO_AGENCIES_FILE } from '../../demo/src/demo-credentials';
import { isolate } from '../helpers/isolation';
import { api, startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

describe('the wall’s feed health', () => {
  const iso = isolate('wall-feed-intervals');
  const keys = createKeys(iso.prefix);
  let redis: Redis;
  let server: RunningServer;

  beforeAll(async () => {
    redis = await connectRedis();
    server = await startTestServer(iso, { AGENCIES_FILE: DEMO_AGENCIES_FILE });
  });
  afterAll(async () => {
    await server?.close();
    await dropPrefix(redis, iso.prefix);
    await redis?.close();
  });

  it('judges silence against each agency’s declared interval, and an agency that never reported is not yet reporting, not silent', async () => {
    const fiveMinutesAgo = Date.now() - 5 * 60_000;
    // The weather bureau declares a day, an enterprise nothing (60 s): both last heard 5 min ago.
    await redis.zAdd(keys.feedSeen, [
      { value: 'cz-weather', score: fiveMinutesAgo },
      { value: 'ent-bj-chengchuan', score: fiveMinutesAgo },
    ]);
    const wall = (await (await api(server, '/api/v1/wall', 'viewer')).json()) as WallResponse;
    const feed = (agency: string) => wall.feeds.find((f) => f.agency === agency);
    expect(feed('cz-weather')).toMatchObject({
      state: 'ok',
      silent: false,
      expectedIntervalSeconds: 86_400,
    });
    expect(feed('ent-bj-chengchuan')).toMatchObject({ state: 'silent', silent: true });
    // The README's example agency declares an hourly report and has sent nothing yet.
    expect(feed('readme-demo')).toMatchObject({
      state: 'never',
      silent: false,
      lastMessageAt: null,
      expectedIntervalSeconds: 3_600,
      name: '示例化工有限公司（README 示例）',
    });
  });
});
