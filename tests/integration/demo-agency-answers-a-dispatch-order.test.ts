import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Order, Resource, type RejectNotice } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { demoPassword } from '../../demo/src/demo-credentials';
import { createSimulator, type Simulator } from '../../demo/src/simulator/simulator';
import { BROKERS } from '../helpers/brokers';
import { isolate } from '../helpers/isolation';
import { COMMANDER, commandId } from '../helpers/orders';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix, readStream } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const INCIDENT = 'cz-119:HZ-BJ-001';
/** A water tender that is at its station when the demo opens. */
const UNIT = 'cz-119:TN-FE-02';

describe.each(BROKERS)('on $name: a demo agency given an order', (broker) => {
  const iso = isolate('demo-orders');
  const keys = createKeys(iso.prefix);
  let redis: Redis;
  let ingest: RunningIngest;
  let stopBroker: () => Promise<void>;
  let sim: Simulator;

  const resource = async () => {
    const json = await redis.hGet(keys.state('resource'), UNIT);
    return json ? Resource.parse(JSON.parse(json)) : undefined;
  };
  const orders = async () =>
    Object.values(await redis.hGetAll(keys.state('order')))
      .map((json) => Order.parse(JSON.parse(json)))
      .filter((o) => o.resourceId === UNIT);
  /** Sends a command the way the server does: onto the stream ingest consumes. */
  const command = (c: Record<string, unknown>) =>
    redis.xAdd(keys.commands, '*', {
      e: JSON.stringify({
        command: { commandId: commandId(), ...c },
        identity: COMMANDER,
        at: Date.now(),
      }),
    });

  beforeAll(async () => {
    redis = await connectRedis();
    const b = await broker.start();
    stopBroker = b.stop;
    ingest = await startTestIngest(iso, b.url);
    sim = createSimulator({
      url: b.url,
      topicRoot: iso.topicRoot,
      seed: 5,
      clientIdSuffix: iso.clientId('sim'),
      credentials: (agency) => ({ username: agency, password: demoPassword(agency) }),
      // Nothing new happens on its own; trips take seconds, not minutes.
      picture: { everydayEveryMs: 0, seriousEveryMs: 0, speedFactor: 1_000 },
      pictureTickMs: 200,
    });
    sim.start();
    await waitFor(async () => (await resource())?.status === 'available', `${UNIT} registered`);
    await waitFor(() => redis.hExists(keys.state('incident'), INCIDENT), `${INCIDENT} registered`);
  });
  afterAll(async () => {
    await sim.stop();
    await ingest.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stopBroker();
  });

  it('acknowledges a dispatch, goes en route, arrives on scene and reports it done', async () => {
    await command({ type: 'dispatch', incidentId: INCIDENT, resourceIds: [UNIT] });
    const acked = await waitFor(async () => {
      const [order] = await orders();
      return order?.status !== 'sent' && order;
    }, 'the dispatch order answered');
    expect(acked).toMatchObject({ kind: 'dispatch', incidentId: INCIDENT, agency: 'cz-119' });
    expect(acked.status).not.toBe('refused');
    // Acknowledged after about 1–3 s (plus the trip to the broker and back).
    expect(acked.updatedAt - acked.sentAt).toBeGreaterThanOrEqual(900);
    expect(acked.updatedAt - acked.sentAt).toBeLessThan(6_000);
    await waitFor(
      async () => ['en_route', 'on_scene'].includes((await resource())?.status ?? ''),
      `${UNIT} en route`,
    );
    await waitFor(() => redis.hExists(keys.state('position'), UNIT), `${UNIT} reporting positions`);
    await waitFor(
      async () => (await resource())?.status === 'on_scene',
      `${UNIT} on scene`,
      20_000,
    );
    await waitFor(async () => (await orders())[0]?.status === 'done', 'the dispatch order done');
  });

  it('comes back on a recall: returning, then available at its station', async () => {
    await command({ type: 'recall', resourceId: UNIT });
    await waitFor(
      async () => (await orders()).find((o) => o.kind === 'recall' && o.status !== 'sent'),
      'the recall order answered',
    );
    await waitFor(async () => (await resource())?.status === 'available', `${UNIT} back`, 20_000);
    await waitFor(
      async () => (await orders()).find((o) => o.kind === 'recall')?.status === 'done',
      'the recall order done',
    );
    const rejects = await readStream<RejectNotice>(redis, keys.rejects);
    expect(rejects.map((r) => `${r.agency} ${r.code} ${r.reason}`)).toEqual([]);
  });
});
