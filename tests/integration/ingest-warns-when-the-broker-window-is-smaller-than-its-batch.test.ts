import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeys } from '@cc/shared/node';
import { startIngest, type RunningIngest } from '../../ingest/src/ingest';
import { testPassword, writeTestAgencies, type TestAgencies } from '../helpers/agency-accounts';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { generateMosquittoFiles, startPrivateMosquitto } from '../helpers/private-mosquitto';
import { testConfig } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const READINGS = 1_500;

interface Warning {
  msg: string;
  inflightWindow?: number;
  receiveMaximum?: number;
}

/**
 * Ingest acknowledges a message once stored, so a broker window that holds is the most it has in
 * hand, and its batches cannot be larger. MQTT v5 lets ingest ask for its own window (Receive
 * Maximum, which Mosquitto honours over max_inflight_messages); it warns at start if that is
 * smaller than a batch. MQTT 3.1.1 gives a client no way to ask: ingest watches for a window that
 * pins its batches, and warns when it sees one. Mosquitto 2.0.11 holds a 3.1.1 client to
 * max_inflight_messages only until the first acknowledgements (each PUBACK of the oldest message
 * lets up to max − 1 more in): the test measures which case it meets.
 */
describe('on Mosquitto with the deployed settings', { timeout: 120_000 }, () => {
  let stop: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const s of stop.reverse()) await s();
    stop = [];
  });

  /** ingest on a private broker, a backlog of readings published at once, all stored. */
  async function run(settings: Record<string, string>, extra: string[] = []) {
    const iso = isolate('window');
    const accounts: TestAgencies = writeTestAgencies();
    const broker = await startPrivateMosquitto(
      await generateMosquittoFiles(accounts.path, iso.topicRoot),
      { extra },
    );
    const redis = await connectRedis();
    stop.push(async () => {
      await broker.stop();
      await dropPrefix(redis, iso.prefix);
      await redis.close();
      accounts.remove();
    });
    const warnings: Warning[] = [];
    const log = pino(
      { level: 'warn' },
      { write: (line: string) => void warnings.push(JSON.parse(line) as Warning) },
    );
    const ingest: RunningIngest = await startIngest(
      testConfig(iso, broker.url, { ...accounts.ingestEnv, ...settings }),
      log,
    );
    stop.push(() => ingest.close());
    await ingest.subscriber.ready;
    // What the broker really had in flight to ingest, at most, counted on the socket.
    let delivered = 0;
    let acknowledged = 0;
    let inFlight = 0;
    ingest.subscriber.client.on('packetreceive', (p) => {
      if (p.cmd === 'publish') inFlight = Math.max(inFlight, ++delivered - acknowledged);
    });
    ingest.subscriber.client.on('packetsend', (p) => void (p.cmd === 'puback' && acknowledged++));

    const pub: MqttClient = await mqtt.connectAsync(broker.url, {
      username: 'ent-a',
      password: testPassword('ent-a'),
      protocolVersion: 4,
    });
    stop.push(() => pub.endAsync());
    const topic = (kind: string) => `${iso.topicRoot}/ent-a/${kind}`;
    await pub.publishAsync(topic('hazard'), JSON.stringify(hazardMessage('w-1')), { qos: 1 });
    const keys = createKeys(iso.prefix);
    await waitFor(() => redis.hGet(keys.state('hazard'), 'ent-a:w-1'), 'hazard stored');
    // A backlog at the broker: far more than one window, sent at once.
    const t0 = Date.now() - 3_600_000;
    await Promise.all(
      Array.from({ length: READINGS }, (_, i) =>
        pub.publishAsync(topic('sensor'), JSON.stringify(reading('w-1-lt1', 50, t0 + i * 1000)), {
          qos: 1,
        }),
      ),
    );
    await waitFor(
      async () => Number(await redis.get(keys.telemetryAdded)) >= READINGS,
      'every reading stored',
      60_000,
    );
    return { ingest, warnings, inFlight: () => inFlight };
  }

  it('MQTT 3.1.1 and max_inflight_messages 20: ingest warns exactly when the window pins its batches', async () => {
    const { ingest, warnings, inFlight } = await run({ MQTT_PROTOCOL_VERSION: '4' }, [
      'max_inflight_messages 20',
    ]);
    const seen = warnings.filter((w) => w.inflightWindow !== undefined);
    console.info(`MQTT 3.1.1, max_inflight_messages 20: at most ${inFlight()} in flight to ingest`);
    if (inFlight() <= 20) {
      // A broker that holds the window: batches of 20, and ingest says why.
      expect(seen).toMatchObject([
        { inflightWindow: 20, msg: expect.stringMatching(/fewer than INGEST_BATCH_MESSAGES/) },
      ]);
      expect(ingest.subscriber.session().inflightWindow).toBe(20);
    } else {
      // Mosquitto 2.0.11: the window gave way once acknowledgements flowed; nothing pinned.
      expect(seen).toEqual([]);
      expect(ingest.subscriber.session().inflightWindow).toBeUndefined();
    }
  });

  it('MQTT v5: ingest asks for a window as large as its queue, and warns at start if a batch is larger', async () => {
    const asked = await run({ MQTT_PROTOCOL_VERSION: '5' }, ['max_inflight_messages 20']);
    expect(asked.ingest.subscriber.session().inflightWindow).toBe(20_000);
    // More than the broker's 20 at once: its own window, not the broker's.
    expect(asked.inFlight()).toBeGreaterThan(20);
    expect(asked.warnings).toEqual([]);

    const small = await run({
      MQTT_PROTOCOL_VERSION: '5',
      INGEST_QUEUE_MESSAGES: '500',
      INGEST_BATCH_MESSAGES: '1000',
    });
    expect(small.ingest.subscriber.session().inflightWindow).toBe(500);
    expect(small.warnings).toMatchObject([{ receiveMaximum: 500 }]);
  });

  it('MQTT 3.1.1 with the deployed window (1000): nothing to warn about', async () => {
    const { ingest, warnings } = await run({ MQTT_PROTOCOL_VERSION: '4' });
    expect(ingest.subscriber.session().inflightWindow).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
