import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { RejectNotice } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { testPassword, writeTestAgencies, type ExtraAccount } from './agency-accounts';
import type { AuthenticatedBrokerUnderTest } from './authenticated-brokers';
import { isolate } from './isolation';
import { startTestIngest } from './product';
import { connectRedis, dropPrefix, readStream } from './redis';

/**
 * One isolated test on a broker with accounts and ACL: the test's own agencies file (agencies
 * `ent-a`, `ent-b`, service account `ingest`, and `extra`), Redis under its own prefix and topic
 * root, and ingest logged in with its service account.
 */
export async function startAgencyHarness(
  name: string,
  broker: AuthenticatedBrokerUnderTest,
  extra: readonly ExtraAccount[] = [],
  /** More settings for ingest (e.g. INGEST_PARTITION). */
  ingestSettings: Record<string, string> = {},
) {
  const iso = isolate(name);
  const keys = createKeys(iso.prefix);
  const accounts = writeTestAgencies(extra);
  const b = await broker.start(accounts, iso.topicRoot);
  const redis: Redis = await connectRedis();
  let settings = { ...accounts.ingestEnv, ...ingestSettings };
  let ingest: RunningIngest = await startTestIngest(iso, b.url, settings);
  let ingestRunning = true;
  const clients: MqttClient[] = [];
  let n = 0;

  return {
    iso,
    keys,
    redis,
    url: b.url,
    accounts,
    get ingest() {
      return ingest;
    },
    /** Stops ingest; its session (and what the broker queues for it) stays. */
    async stopIngest() {
      await ingest.close();
      ingestRunning = false;
    },
    /** Starts ingest again, same account and client id, with `changed` settings if given. */
    async startIngest(changed: Record<string, string> = {}) {
      settings = { ...settings, ...changed };
      ingest = await startTestIngest(iso, b.url, settings);
      ingestRunning = true;
    },
    topic: (agency: string, kind: string, id?: string) =>
      [iso.topicRoot, agency, kind, ...(id === undefined ? [] : [id])].join('/'),
    /**
     * Connects as an account (its own password unless given), with a client id of the account's
     * own (`{account}.{n}`; Mosquitto uses the account id whatever is sent, so a second
     * connection of one account there replaces the first); fails when the broker refuses.
     */
    async connectAs(
      username: string | undefined,
      password = testPassword(username ?? ''),
      more: Partial<IClientOptions> = {},
    ) {
      const options: IClientOptions = {
        clientId: `${username ?? 'anonymous'}.${++n}`,
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        ...(username === undefined ? {} : { username, password }),
        ...more,
      };
      const client = await mqtt.connectAsync(b.url, options);
      clients.push(client);
      return client;
    },
    async hazardIds(): Promise<string[]> {
      return redis.hKeys(keys.state('hazard'));
    },
    /** Ids of the stored entities of a kind. */
    async ids(kind: 'incident' | 'warning' | 'hazard' | 'resource'): Promise<string[]> {
      return redis.hKeys(keys.state(kind));
    },
    async rejects(): Promise<RejectNotice[]> {
      return readStream<RejectNotice>(redis, keys.rejects);
    },
    /** An agency's feed-health counters as stored (flushed by ingest every second or so). */
    async feedCounts(agency: string): Promise<Record<string, string>> {
      return redis.hGetAll(keys.feedCounts(agency));
    },
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync(true)));
      if (ingestRunning) await ingest.close();
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
