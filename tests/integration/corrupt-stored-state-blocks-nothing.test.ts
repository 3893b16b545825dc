import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';
const GAS = 'tank-farm-1-gas1';

describe('an unreadable entry in Redis', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('corrupt', BROKERS[0]!);
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('refuses the messages that need it as internal errors and lets every other message through', async () => {
    await h.redis.hSet(h.keys.state('reading'), `${h.agency}:${LT}`, '{"broken":');
    await h.publish('sensor', reading(LT, 50, Date.now() - 5_000));
    await h.publish('sensor', reading(GAS, 0.2, Date.now() - 5_000));

    await waitFor(async () => (await h.reading(GAS))?.value === 0.2, 'the other sensor applied');
    const reject = await waitFor(
      async () => (await h.rejects()).find((r) => r.code === 'feed.internal'),
      'internal reject recorded',
    );
    expect(reject.topic).toBe(h.topic('sensor'));
  });

  it('is left out of the snapshot instead of failing it', async () => {
    await h.redis.hSet(h.keys.state('hazard'), `${h.agency}:ghost`, 'not json');
    const res = await api(server, '/api/v1/snapshot');
    expect(res.status).toBe(200);
    const snapshot = (await res.json()) as Snapshot;
    expect(snapshot.hazards.map((x) => x.id)).toEqual([`${h.agency}:tank-farm-1`]);
  });

  it('is left out of the live telemetry instead of stalling it', async () => {
    const screen = await connectAs(server);
    try {
      await waitFor(() => screen.received.snapshots.length > 0, 'the snapshot');
      await h.redis.xAdd(h.keys.telemetry, '*', { b: 'not json' });
      const ts = Date.now() - 1_000;
      await h.publish('sensor', reading(GAS, 0.3, ts));
      await waitFor(
        () => screen.received.readings.some((r) => r.id === `${h.agency}:${GAS}` && r.ts === ts),
        'the reading after the unreadable entry on the screen',
      );
    } finally {
      screen.close();
    }
  });

  it('reads alarms stored before alarms had a cause as threshold alarms', async () => {
    const old = {
      id: `${h.agency}:${GAS}@1`,
      sensorId: `${h.agency}:${GAS}`,
      hazardId: `${h.agency}:tank-farm-1`,
      agency: h.agency,
      metric: 'toxic_ppm',
      unit: 'ppm',
      status: 'active',
      level: 'H',
      peak: 'H',
      raisedAt: 1,
      raisedValue: 1.2,
      lastValue: 1.2,
      updatedAt: 1,
    };
    await h.redis.hSet(h.keys.state('alarm'), old.id, JSON.stringify(old));
    const snapshot = (await (await api(server, '/api/v1/snapshot')).json()) as Snapshot;
    expect(snapshot.alarms).toContainEqual({ ...old, cause: 'threshold' });
  });
});
