import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics, DEFAULT_TOPIC_ROOT } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { DEMO_AGENCIES_FILE, demoPassword } from '../../demo/src/demo-credentials';
import { ownerOf } from '../../ingest/src/mqtt/partition';
import { deployedWorkerSettings, WORKERS } from '../helpers/compose';
import {
  EXACTLY_ONCE,
  incidentIds,
  startIncidentLoad,
  streamEvents,
  tally,
  type IncidentLoad,
} from '../helpers/fault-load';
import { startPersistentMosquitto, type PersistentMosquitto } from '../helpers/fault-mosquitto';
import {
  killProductProcesses,
  spawnProduct,
  type ProductProcess,
} from '../helpers/fault-processes';
import { connectTo, startAofRedis, type AofRedis } from '../helpers/fault-redis';
import { generateMosquittoFiles } from '../helpers/private-mosquitto';
import { waitFor } from '../helpers/wait';

/** Agencies of the demo file (docker compose's default) that report incidents, one per worker. */
const AGENCIES = ['cz-119', 'cz-police'] as const;
/** Incident messages per second, per agency. */
const RATE = 40;
const RESTARTS = 5;

/**
 * The deployed broker and the deployed ingest workers, restarted under load. The broker runs the
 * configuration docker compose runs (`npm run mosquitto:config`'s mosquitto.conf and accounts
 * from the demo agencies file, only its port and directories changed); the workers run as their
 * own processes with the environment docker-compose.yml gives them (only the broker and Redis
 * URLs and the agencies file's path changed). The agencies publish QoS 1 incidents throughout;
 * every incident the broker acknowledged must be stored, once.
 *
 * Before, compose gave ingest a `$share` group: Mosquitto 2.0.11 does not restore a shared
 * subscription after a restart, so what it acknowledged before the worker subscribed again went
 * nowhere (the review measured 1, 22 and 601 incidents lost in 3 of 5 restarts).
 */
describe('the deployed Mosquitto and ingest workers, the broker restarted under load', () => {
  const topics = createTopics(DEFAULT_TOPIC_ROOT);
  let mosquitto: PersistentMosquitto | undefined;
  let aof: AofRedis;
  let redis: Redis;
  let keys: ReturnType<typeof createKeys>;
  const workers: ProductProcess[] = [];
  const publishers: MqttClient[] = [];

  beforeAll(async () => {
    mosquitto = await startPersistentMosquitto(
      await generateMosquittoFiles(DEMO_AGENCIES_FILE, DEFAULT_TOPIC_ROOT),
    );
    aof = await startAofRedis();
    redis = await connectTo(aof.url);
    const deployed = deployedWorkerSettings({ mqttUrl: mosquitto.url, redisUrl: aof.url });
    keys = createKeys(deployed[0]!.settings.REDIS_PREFIX ?? 'cc:');
    for (const { settings } of deployed) workers.push(await spawnProduct('ingest', settings));
    for (const agency of AGENCIES) {
      publishers.push(
        await mqtt.connectAsync(mosquitto.url, {
          username: agency,
          password: demoPassword(agency),
          clientId: agency,
          protocolVersion: 4,
          reconnectPeriod: 200,
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(publishers.map((p) => p.endAsync(true)));
    await killProductProcesses();
    redis?.destroy();
    await mosquitto?.close();
    await aof?.close();
  });

  it('stores every incident the broker acknowledged, once, through five restarts', async () => {
    // The workers split the agencies: each restart tests both.
    expect(WORKERS).toHaveLength(2);
    expect(new Set(AGENCIES.map((a) => ownerOf(a, WORKERS.length))).size).toBe(2);
    const m = mosquitto!;
    const loads: IncidentLoad[] = AGENCIES.map((agency, i) =>
      startIncidentLoad({
        agency,
        publish: (payload) =>
          publishers[i]!.publishAsync(topics.feed(agency, 'incident'), payload, { qos: 1 }),
        perSecond: RATE,
      }),
    );
    const accepted = () => loads.reduce((n, l) => n + l.accepted.length, 0);
    const published = () => loads.reduce((n, l) => n + l.published, 0);
    await waitFor(async () => (await redis.hLen(keys.state('incident'))) >= RATE, 'load stored');

    for (let r = 0; r < RESTARTS; r++) {
      await m.stop();
      const at = published();
      await waitFor(() => published() >= at + RATE, 'incidents published while it is away');
      await m.start();
      // A second of load acknowledged after the restart, before the workers may be back.
      const after = accepted();
      await waitFor(() => accepted() >= after + 2 * RATE, 'incidents acknowledged after it');
    }
    const ack = await Promise.all(loads.map((l) => l.stop()));

    const want = ack.flat();
    await waitFor(
      async () => {
        const stored = new Set(await redis.hKeys(keys.state('incident')));
        return want.every((id) => stored.has(id));
      },
      `${want.length} acknowledged incidents stored`,
      60_000,
    ).catch(() => undefined);
    const stored = await redis.hKeys(keys.state('incident'));
    const events = incidentIds(await streamEvents(redis, keys));
    const figures = {
      acknowledged: want.length,
      missing: tally(want, stored).missing.length,
      restarts: RESTARTS,
    };
    console.info(`deployed broker restarts: ${JSON.stringify(figures)}`);
    expect(tally(want, stored)).toEqual(EXACTLY_ONCE);
    expect(tally(want, events)).toEqual(EXACTLY_ONCE);
    expect(mosquitto!.output()).not.toMatch(/dropped/i);
  }, 180_000);
});
