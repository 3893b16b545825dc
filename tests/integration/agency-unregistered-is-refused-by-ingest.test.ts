import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { writeTestAgencies } from '../helpers/agency-accounts';
import { inbox } from '../helpers/agency-harness';
import { BROKERS } from '../helpers/brokers';
import { hazardMessage } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

// Brokers without accounts let anyone publish under any agency: ingest's own check is the
// last line, and the one that holds when a broker is misconfigured.
describe.each(BROKERS)('on $name without accounts, ingest with AGENCIES_FILE', (broker) => {
  const iso = isolate('unregistered');
  const keys = createKeys(iso.prefix);
  const topic = (agency: string, kind: string, id?: string) =>
    [iso.topicRoot, agency, kind, ...(id === undefined ? [] : [id])].join('/');
  let b: { url: string; stop(): Promise<void> };
  let redis: Redis;
  let ingest: RunningIngest;
  const accounts = writeTestAgencies();

  beforeAll(async () => {
    b = await broker.start();
    redis = await connectRedis();
    ingest = await startTestIngest(iso, b.url, { AGENCIES_FILE: accounts.path });
  });
  afterAll(async () => {
    await ingest.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await b.stop();
    accounts.remove();
  });

  it('refuses a message of an unregistered agency with feed.unknown_agency', async () => {
    const pub = await mqtt.connectAsync(b.url, {
      clientId: iso.clientId('pub'),
      protocolVersion: 4,
    });
    const watch = await mqtt.connectAsync(b.url, { clientId: iso.clientId('watch') });
    const notices = inbox(watch);
    await watch.subscribeAsync(topic('+', 'rejects'), { qos: 1 });
    try {
      const stranger = hazardMessage('h1');
      await pub.publishAsync(topic('ent-stranger', 'hazard', 'h1'), JSON.stringify(stranger), {
        qos: 1,
      });
      await pub.publishAsync(topic('ent-a', 'hazard', 'h1'), JSON.stringify(hazardMessage('h1')), {
        qos: 1,
      });
      await pub.publishAsync(topic('ent-a', 'sensor'), '{"id": ', { qos: 1 });

      await waitFor(() => notices.length > 0, 'ent-a’s reject notice');
      const hazards = await redis.hKeys(keys.state('hazard'));
      expect(hazards).toEqual(['ent-a:h1']);
      const rejects = ((await redis.xRange(keys.rejects, '-', '+')) ?? []).map(
        (m) => JSON.parse(m.message.e ?? '{}') as RejectNotice,
      );
      expect(rejects.map((r) => [r.agency, r.code])).toEqual([
        ['ent-stranger', 'feed.unknown_agency'],
        ['ent-a', 'feed.bad_json'],
      ]);
      // Recorded, not announced: nobody could be authorized to hear ent-stranger's notices.
      expect(notices.map((n) => n.topic)).toEqual([topic('ent-a', 'rejects')]);
    } finally {
      await pub.endAsync();
      await watch.endAsync();
    }
  });
});
