import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reading } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import {
  connectCountingClient,
  countEverywhere,
  EXACTLY_ONCE,
  exactlyOnce,
  startIncidentLoad,
  startReadingLoad,
  streamEvents,
  tally,
  type CountingClient,
} from '../helpers/fault-load';
import { forgetSession } from '../helpers/fault-mosquitto';
import {
  killProductProcesses,
  spawnProduct,
  type ProductProcess,
} from '../helpers/fault-processes';
import { hazardMessage } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { connectPublisher } from '../helpers/mqtt';
import { startTestServer, testConfig, tokenFor } from '../helpers/product';
import { connectRedis, dropPrefix, readTelemetryReadings } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const AGENCY = 'ent-test';
/** An enterprise whose tank farm reports readings alongside: telemetry goes through the kill too. */
const SENSOR_AGENCY = 'ent-tank';
const READINGS_PER_SECOND = 20;
/** Messages per second, each a batch: a kill mid-batch leaves part of it applied, unacknowledged. */
const RATE = 8;
const BATCH = 25;

/**
 * ingest as its own OS process (the real entry point), killed with SIGKILL while an agency
 * publishes at a steady rate and a screen is connected: no shutdown code runs, the broker keeps
 * what was not acknowledged and hands it to the restarted process (same client id, persistent
 * session, QoS 1).
 */
describe.each(BROKERS)('on $name: ingest killed with SIGKILL under steady load', (broker) => {
  const iso = isolate('fault-ingest-kill');
  const keys = createKeys(iso.prefix);
  let brokerUrl: string;
  let stopBroker: () => Promise<void> = async () => {};
  let redis: Redis;
  let server: RunningServer;
  let pub: MqttClient;
  let client: CountingClient | undefined;

  beforeAll(async () => {
    const b = await broker.start();
    brokerUrl = b.url;
    stopBroker = b.stop;
    redis = await connectRedis();
    server = await startTestServer(iso);
    pub = await connectPublisher(brokerUrl, iso.clientId('pub'));
  });
  afterAll(async () => {
    client?.close();
    await killProductProcesses();
    await pub?.endAsync();
    await server?.close();
    // The shared broker keeps the killed worker's persistent session otherwise.
    await forgetSession(brokerUrl, iso.clientId('ingest')).catch(() => {});
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stopBroker();
  });

  it('applies every accepted incident and reading exactly once, in Redis and on the screen', async () => {
    const config = testConfig(iso, brokerUrl);
    let ingest: ProductProcess = await spawnProduct('ingest', config);
    const topic = (agency: string, kind: string) => `${iso.topicRoot}/${agency}/${kind}`;
    const hazard = hazardMessage();
    await pub.publishAsync(topic(SENSOR_AGENCY, 'hazard'), JSON.stringify(hazard), { qos: 1 });
    const hazardId = `${SENSOR_AGENCY}:${hazard.id}`;
    await waitFor(() => redis.hGet(keys.state('hazard'), hazardId), 'hazard stored');
    client = connectCountingClient(server.url, { token: await tokenFor(server, 'viewer') });
    await client.ready();

    const sensors = hazard.sensors.map((s) => s.id);
    const readings = startReadingLoad({
      agency: SENSOR_AGENCY,
      sensors,
      publish: (p) => pub.publishAsync(topic(SENSOR_AGENCY, 'sensor'), p, { qos: 1 }),
      perSecond: READINGS_PER_SECOND,
    });
    const load = startIncidentLoad({
      agency: AGENCY,
      publish: (p) => pub.publishAsync(topic(AGENCY, 'incident'), p, { qos: 1 }),
      perSecond: RATE,
      batch: BATCH,
    });
    const applied = () => redis.hLen(keys.state('incident'));
    await waitFor(async () => (await applied()) >= 4 * BATCH, 'ingest applying the load', 20_000);
    // Aim the kill at a batch in progress (part of it stored): the hardest moment to die.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await applied()) % BATCH === 0);
    await ingest.stop('SIGKILL');
    // A commit Redis had already read from the dead process's socket still runs; let it land.
    await new Promise((r) => setTimeout(r, 250));
    const atKill = await applied();
    // Published while no ingest runs: the broker alone holds them.
    await load.untilAccepted(load.accepted.length + 2 * RATE * BATCH);
    ingest = await spawnProduct('ingest', config);
    await load.untilAccepted(load.accepted.length + 2 * RATE * BATCH);
    const accepted = await load.stop();
    const acceptedReadings = await readings.stop();

    expect(await countEverywhere({ redis, keys, load, accepted, screens: [client] })).toEqual(
      exactlyOnce(1),
    );
    // The restarted worker took over the same session, so the broker kept what it held.
    expect(ingest.logs()).toMatch(/"sessionPresent":true/);

    // A kill that cut a batch in two: its first part was applied but never acknowledged; the
    // broker delivered the whole batch again and those incidents counted as duplicates.
    const cut = atKill % BATCH;
    const duplicates = async () =>
      Number((await redis.hGet(keys.feedCounts(AGENCY), 'duplicates')) ?? 0);
    // Feed counts are flushed once a second.
    if (cut > 0) await waitFor(async () => (await duplicates()) >= cut, 'duplicates counted');
    console.info(
      `${broker.name}: ${accepted.length} incidents, ${atKill} applied at the kill` +
        ` (${cut} of a batch), ${await duplicates()} redelivered as duplicates;` +
        ` ${acceptedReadings.length} readings`,
    );

    // Readings: each in its sensor's history once (a late one too), none twice in the telemetry
    // stream, the newest one the current value; no alarm event repeated.
    for (const s of sensors) {
      await waitFor(async () => {
        const json = await redis.hGet(keys.state('reading'), `${SENSOR_AGENCY}:${s}`);
        return json !== null && Reading.parse(JSON.parse(json)).ts === readings.newest;
      }, `the newest reading of ${s} stored`);
    }
    const history = (
      await Promise.all(
        sensors.map(async (s) =>
          (await redis.lRange(keys.series(`${SENSOR_AGENCY}:${s}`), 0, -1)).map(
            (m) => `${SENSOR_AGENCY}:${s}@${(JSON.parse(m) as [number, number])[0]}`,
          ),
        ),
      )
    ).flat();
    expect(tally(acceptedReadings, history)).toEqual(EXACTLY_ONCE);
    const telemetry = (await readTelemetryReadings(redis, keys.telemetry)).map(
      (r) => `${r.id}@${r.ts}`,
    );
    const { duplicated, unexpected } = tally(acceptedReadings, telemetry);
    expect({ duplicated, unexpected }).toEqual({ duplicated: [], unexpected: [] });
    const alarmEvents = (await streamEvents(redis, keys)).flatMap((e) =>
      e.kind === 'alarm' && e.op === 'upsert'
        ? [`${e.data.id}/${e.data.status}/${e.data.level}/${e.data.updatedAt}`]
        : [],
    );
    expect(alarmEvents.length).toBeGreaterThan(0);
    expect(new Set(alarmEvents).size).toBe(alarmEvents.length);
  }, 60_000);
});
