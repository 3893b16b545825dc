import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { RejectNotice } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { testPassword, writeTestAgencies } from './agency-accounts';
import type { AuthenticatedBrokerUnderTest } from './authenticated-brokers';
import { isolate } from './isolation';
import { startTestIngest } from './product';
import { connectRedis, dropPrefix, readStream } from './redis';

/**
 * One isolated test on a broker with accounts and ACL: the test's own agencies file (agencies
 * `ent-a`, `ent-b`, service account `ingest`), Redis under its own prefix and topic root, and
 * ingest logged in with its service account.
 */
export async function startAgencyHarness(name: string, broker: AuthenticatedBrokerUnderTest) {
  const iso = isolate(name);
  const keys = createKeys(iso.prefix);
  const accounts = writeTestAgencies();
  const b = await broker.start(accounts, iso.topicRoot);
  const redis: Redis = await connectRedis();
  const ingest: RunningIngest = await startTestIngest(iso, b.url, accounts.ingestEnv);
  const clients: MqttClient[] = [];
  let n = 0;

  return {
    iso,
    keys,
    redis,
    url: b.url,
    ingest,
    topic: (agency: string, kind: string, id?: string) =>
      [iso.topicRoot, agency, kind, ...(id === undefined ? [] : [id])].join('/'),
    /** Connects as an account (its own password unless given); fails when the broker refuses. */
    async connectAs(username: string | undefined, password = testPassword(username ?? '')) {
      const options: IClientOptions = {
        clientId: iso.clientId(`${username ?? 'anonymous'}-${++n}`),
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        ...(username === undefined ? {} : { username, password }),
      };
      const client = await mqtt.connectAsync(b.url, options);
      clients.push(client);
      return client;
    },
    async hazardIds(): Promise<string[]> {
      return redis.hKeys(keys.state('hazard'));
    },
    async rejects(): Promise<RejectNotice[]> {
      return readStream<RejectNotice>(redis, keys.rejects);
    },
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync()));
      await ingest.close();
      await dropPrefix(redis, iso.prefix);
      await redis.close();
      await b.stop();
      accounts.remove();
    },
  };
}
export type AgencyHarness = Awaited<ReturnType<typeof startAgencyHarness>>;

/** Collects what arrives on a client, by topic. */
export function inbox(client: MqttClient) {
  const messages: { topic: string; payload: string }[] = [];
  client.on('message', (topic, payload) => messages.push({ topic, payload: payload.toString() }));
  return messages;
}
