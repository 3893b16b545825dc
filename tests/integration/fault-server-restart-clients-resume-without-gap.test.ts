import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { freePort } from '../../scripts/start/ports';
import { BROKERS } from '../helpers/brokers';
import {
  connectCountingClient,
  countEverywhere,
  exactlyOnce,
  startIncidentLoad,
  streamEvents,
  type CountingClient,
} from '../helpers/fault-load';
import {
  killProductProcesses,
  spawnProduct,
  type ProductProcess,
} from '../helpers/fault-processes';
import { isolate } from '../helpers/isolation';
import { connectPublisher } from '../helpers/mqtt';
import { startTestIngest, testConfig, tokenFor } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const AGENCY = 'ent-test';
const RATE = 40;

/**
 * The server as its own OS process (the real entry point), stopped while screens are connected
 * and an agency keeps publishing, then started again on the same address. The screens reconnect
 * by themselves with the last event id they have and must get exactly what they missed — no
 * snapshot, no gap, no repeat — then the live events.
 */
describe.each(['SIGKILL', 'SIGTERM'] as const)('server stopped with %s and restarted', (signal) => {
  const iso = isolate(`fault-server-${signal.toLowerCase()}`);
  const keys = createKeys(iso.prefix);
  let stopBroker: () => Promise<void> = async () => {};
  let redis: Redis;
  let ingest: RunningIngest;
  let pub: MqttClient;
  const clients: CountingClient[] = [];

  beforeAll(async () => {
    const b = await BROKERS[0]!.start();
    stopBroker = b.stop;
    redis = await connectRedis();
    ingest = await startTestIngest(iso, b.url);
    pub = await connectPublisher(b.url, iso.clientId('pub'));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await killProductProcesses();
    await pub?.endAsync();
    await ingest?.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stopBroker();
  });

  it('lets every screen resume with exactly the events it missed', async () => {
    const port = await freePort();
    const config = testConfig(iso, 'mqtt://127.0.0.1:1', { PORT: String(port) });
    let server: ProductProcess = await spawnProduct('server', config);
    const url = `http://127.0.0.1:${port}`;
    const token = await tokenFor({ url }, 'viewer');
    // A wall with every layer, and a screen showing incidents only (it resumes from `upTo`).
    const wall = connectCountingClient(url, { token });
    const incidentsOnly = connectCountingClient(url, { token, layers: ['incident'] });
    clients.push(wall, incidentsOnly);
    await Promise.all(clients.map((c) => c.ready()));

    const load = startIncidentLoad({
      agency: AGENCY,
      publish: (p) => pub.publishAsync(`${iso.topicRoot}/${AGENCY}/incident`, p, { qos: 1 }),
      perSecond: RATE,
    });
    await waitFor(
      () => clients.every((c) => c.received.events.length >= RATE),
      'screens receiving live events',
      20_000,
    );

    await server.stop(signal);
    const seenBeforeStop = wall.last;
    // Events the screens miss while no server runs.
    await load.untilAccepted(load.accepted.length + 2 * RATE);
    server = await spawnProduct('server', config);
    await waitFor(() => clients.every((c) => c.received.connects >= 2), 'screens reconnected');
    await load.untilAccepted(load.accepted.length + 2 * RATE);
    const accepted = await load.stop();

    const counts = await countEverywhere({ redis, keys, load, accepted, screens: clients });
    expect(counts).toEqual(exactlyOnce(2));
    for (const c of clients) {
      expect(c.received.connects).toBe(2);
      // Resumed from what it had: a replay, not a fresh picture.
      expect(c.received.snapshots).toHaveLength(1);
      expect(c.received.handshakes[1]).toBeDefined();
    }
    expect(wall.received.handshakes[1]).toBe(seenBeforeStop);
    const after = (await streamEvents(redis, keys, seenBeforeStop)).length;
    console.info(
      `${signal}: ${accepted.length} incidents; the wall resumed from ${seenBeforeStop}` +
        ` and received each of the ${after} events after it once`,
    );
    await server.stop('SIGTERM');
  }, 60_000);
});
