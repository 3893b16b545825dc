import mqtt, { type MqttClient } from 'mqtt';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import type { RunningServer } from '../../server/src/server';
import {
  connectCountingClient,
  countEverywhere,
  startIncidentLoad,
  type CountingClient,
  type IncidentLoad,
} from './fault-load';
import { forgetSession } from './fault-mosquitto';
import { connectTo } from './fault-redis';
import { isolate, type Isolation } from './isolation';
import { startTestIngest, startTestServer, tokenFor } from './product';

/**
 * The product in this process on the Redis and broker a fault test breaks: ingest, a server, an
 * agency's publisher and a screen that counts. Settings in `env` go to ingest and the server
 * (REDIS_URL is set from `redisUrl`). `stop()` ends all of it; Redis data stays (the caller owns
 * that Redis and throws it away whole).
 */
export async function startFaultRig(options: {
  /** A name for a fresh isolation, or one made already (e.g. to generate a broker ACL for). */
  name: string | Isolation;
  redisUrl: string;
  brokerUrl: string;
  agency: string;
  env?: Record<string, string>;
  /** How the publisher logs in (agency account on a broker with accounts). */
  login?: { username: string; password: string };
}) {
  const iso = typeof options.name === 'string' ? isolate(options.name) : options.name;
  const keys = createKeys(iso.prefix);
  const env: Record<string, string> = { ...options.env, REDIS_URL: options.redisUrl };
  const ingest: RunningIngest = await startTestIngest(iso, options.brokerUrl, env);
  const server: RunningServer = await startTestServer(iso, env);
  const redis: Redis = await connectTo(options.redisUrl);
  const pub: MqttClient = await mqtt.connectAsync(options.brokerUrl, {
    clientId: iso.clientId('pub'),
    protocolVersion: 4,
    reconnectPeriod: 200,
    ...options.login,
  });
  const screen: CountingClient = connectCountingClient(server.url, {
    token: await tokenFor(server, 'viewer'),
  });
  await screen.ready();

  return {
    iso,
    keys,
    ingest,
    server,
    redis,
    pub,
    screen,
    /** Incident reports at a steady rate, counted at the publisher. */
    startLoad: (perSecond: number) =>
      startIncidentLoad({
        agency: options.agency,
        publish: (p) =>
          pub.publishAsync(`${iso.topicRoot}/${options.agency}/incident`, p, { qos: 1 }),
        perSecond,
      }),
    /** Counts the load's incidents in Redis and on the screen against what was accepted. */
    count: (load: IncidentLoad, accepted: readonly string[]) =>
      countEverywhere({ redis, keys, load, accepted, screens: [screen] }),
    /** HTTP status of the server's readiness check. */
    readyz: async () => (await fetch(`${server.url}/readyz`)).status,
    /** Incidents in the state hash. */
    applied: () => redis.hLen(keys.state('incident')),
    async stop(): Promise<void> {
      screen.close();
      await pub.endAsync(true);
      await server.close();
      await ingest.close();
      redis.destroy();
      // A shared broker would keep ingest's persistent session (and queue) for ever.
      await forgetSession(options.brokerUrl, iso.clientId('ingest'), {
        ...(env.MQTT_USERNAME === undefined ? {} : { username: env.MQTT_USERNAME }),
        ...(env.MQTT_PASSWORD === undefined ? {} : { password: env.MQTT_PASSWORD }),
      });
    },
  };
}
export type FaultRig = Awaited<ReturnType<typeof startFaultRig>>;
