import type { MqttClient } from 'mqtt';
import { Reading, type LiveEvent, type RejectNotice } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import type { BrokerUnderTest } from './brokers';
import { hazardMessage } from './fixtures';
import { isolate } from './isolation';
import { connectPublisher } from './mqtt';
import { startTestIngest } from './product';
import { connectRedis, dropPrefix, readStream } from './redis';
import { waitFor } from './wait';

/**
 * One isolated feed under test: a broker, Redis under its own prefix, ingest, an agency's
 * publisher, and a registered hazard with two sensors.
 */
export async function startFeedHarness(
  name: string,
  broker: BrokerUnderTest,
  agency = 'ent-test',
  /** Settings of ingest's besides the test's own (`testConfig`). */
  extra?: Record<string, string>,
) {
  const iso = isolate(name);
  const keys = createKeys(iso.prefix);
  const b = await broker.start();
  const redis: Redis = await connectRedis();
  let ingest: RunningIngest = await startTestIngest(iso, b.url, extra);
  const pub: MqttClient = await connectPublisher(b.url, iso.clientId('pub'));
  const topic = (kind: string) => `${iso.topicRoot}/${agency}/${kind}`;
  const hazard = hazardMessage();

  const harness = {
    iso,
    keys,
    redis,
    pub,
    agency,
    brokerUrl: b.url,
    hazard,
    topic,
    get ingest() {
      return ingest;
    },
    async restartIngest() {
      await ingest.close();
      if (process.env.DIAG_GAP)
        await new Promise((r) => setTimeout(r, Number(process.env.DIAG_GAP)));
      ingest = await startTestIngest(iso, b.url, extra);
    },
    publish(kind: string, payload: unknown, raw = false) {
      return pub.publishAsync(topic(kind), raw ? (payload as string) : JSON.stringify(payload), {
        qos: 1,
      });
    },
    async reading(localId: string): Promise<Reading | undefined> {
      const json = await redis.hGet(keys.state('reading'), `${agency}:${localId}`);
      return json ? Reading.parse(JSON.parse(json)) : undefined;
    },
    async events(): Promise<LiveEvent[]> {
      return readStream<LiveEvent>(redis, keys.events);
    },
    async rejects(): Promise<RejectNotice[]> {
      return readStream<RejectNotice>(redis, keys.rejects);
    },
    async stop() {
      await pub.endAsync();
      await ingest.close();
      await dropPrefix(redis, iso.prefix);
      await redis.close();
      await b.stop();
    },
  };
  await harness.publish('hazard', hazard);
  await waitFor(() => redis.hGet(keys.state('hazard'), `${agency}:${hazard.id}`), 'hazard stored');
  return harness;
}
export type FeedHarness = Awaited<ReturnType<typeof startFeedHarness>>;
