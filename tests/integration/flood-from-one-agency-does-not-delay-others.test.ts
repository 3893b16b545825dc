import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { BROKERS } from '../helpers/brokers';
import { hazardMessage, reading } from '../helpers/fixtures';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { isolate } from '../helpers/isolation';
import { connectPublisher } from '../helpers/mqtt';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/**
 * An enterprise gateway replays its buffer at 10× its normal rate: batches of readings, far more
 * than ingest stores at once. The fire brigade's incidents, queued at the broker behind the whole
 * flood, must not wait for it to be worked off: ingest reads ahead (within its queue bounds),
 * queues each agency in its own lane, serves the lanes in turn and stores a batch's events
 * before its telemetry. Strictly in arrival order, they would be stored after the last reading.
 */
const MESSAGES = 100;
const PER_MESSAGE = 500;
const FLOOD = MESSAGES * PER_MESSAGE;
const INCIDENTS = 3;
/** A correctness bound, not a timing target: the flood itself takes longer than this to store. */
const BOUND_MS = 5_000;

describe.each(BROKERS)('on $name: a flood from one agency', (broker) => {
  const iso = isolate('flood');
  const keys = createKeys(iso.prefix);
  let stop: () => Promise<void>;
  let redis: Redis;
  let ingest: RunningIngest;
  let flooder: MqttClient;
  let brigade: MqttClient;
  const topic = (agency: string, kind: string) => `${iso.topicRoot}/${agency}/${kind}`;

  beforeAll(async () => {
    const b = await broker.start();
    stop = b.stop;
    redis = await connectRedis();
    ingest = await startTestIngest(iso, b.url);
    flooder = await connectPublisher(b.url, iso.clientId('gateway'));
    brigade = await connectPublisher(b.url, iso.clientId('brigade'));
    const hazard = hazardMessage('tank-farm-9');
    await flooder.publishAsync(topic('ent-flood', 'hazard'), JSON.stringify(hazard), { qos: 1 });
    await waitFor(() => redis.hLen(keys.state('sensor')), 'sensors registered');
  });
  afterAll(async () => {
    await flooder.endAsync();
    await brigade.endAsync();
    await ingest.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stop();
  });

  it('stores the other agencies’ events while the flood is still being worked off', async () => {
    const sensor = 'tank-farm-9-lt1';
    const t0 = Date.now() - 3_600_000;
    // The flood: batches of readings, as fast as the connection takes them (telemetry, QoS 0).
    for (let m = 0; m < MESSAGES; m++) {
      const batch = Array.from({ length: PER_MESSAGE }, (_, j) =>
        reading(sensor, 50, t0 + m * PER_MESSAGE + j),
      );
      flooder.publish(topic('ent-flood', 'sensor'), JSON.stringify(batch), { qos: 0 });
    }
    // A reading of another sensor at QoS 1: its acknowledgement means the broker has the whole
    // flood. (Of the same sensor, it could overtake the QoS 0 flood on its way and make the
    // rest of it late.)
    await flooder.publishAsync(
      topic('ent-flood', 'sensor'),
      JSON.stringify(reading('tank-farm-9-gas1', 0.1, t0 + FLOOD)),
      { qos: 1 },
    );
    // Behind it, the brigade's incidents (events, QoS 1).
    const floodStored = async () => Number((await redis.get(keys.telemetryAdded)) ?? 0);
    const atPublish = await floodStored();
    const publishedAt = Date.now();
    const ids = Array.from({ length: INCIDENTS }, (_, i) => `F-FLOOD-${i}`);
    await Promise.all(
      ids.map((id) =>
        brigade.publishAsync(
          topic('fire-119', 'incident'),
          JSON.stringify({ ...INCIDENT_EXAMPLE, id, ts: new Date(publishedAt).toISOString() }),
          { qos: 1 },
        ),
      ),
    );

    // The moment the last incident is stored, how much of the flood is?
    const atIncidents = await waitFor(
      async () => {
        const [stored, flood] = await Promise.all([
          redis.hmGet(
            keys.state('incident'),
            ids.map((id) => `fire-119:${id}`),
          ),
          floodStored(),
        ]);
        return stored.every((json) => json !== null) && { flood, at: Date.now() };
      },
      'the brigade’s incidents stored',
      BOUND_MS * 4,
    );
    const delay = atIncidents.at - publishedAt;

    // The flood is worked off to the end afterwards (telemetry stops growing).
    let last = -1;
    let final = await floodStored();
    while (final !== last) {
      last = final;
      await new Promise((r) => setTimeout(r, 500));
      final = await floodStored();
    }
    process.stdout.write(
      `${broker.name}: incidents published with ${atPublish} of the flood stored, stored ` +
        `${delay} ms later with ${atIncidents.flood} of ${final} stored\n`,
    );
    expect(final).toBeGreaterThan(FLOOD / 2);
    // Stored while the flood was still being worked off, and within the bound.
    expect(atIncidents.flood).toBeLessThan(final);
    expect(delay).toBeLessThan(BOUND_MS);
    // Nothing of the brigade's was refused on the way.
    expect(await redis.xLen(keys.rejects)).toBe(0);
  }, 60_000);
});
