import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { createKeys, type Redis } from '@cc/shared/node';
import { testPassword, writeTestAgencies, type TestAgencies } from '../helpers/agency-accounts';
import { DEPLOYED_BROKERS } from '../helpers/deployed-brokers';
import { spawnProduct, type ProductProcess } from '../helpers/fault-processes';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { testConfig } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/**
 * A misconfigured gateway of agency ent-a sends 10,000 messages that are all refused (half cut
 * off, half readings without a time), at QoS 0, as fast as its connection takes them. Agency
 * ent-b's incident, published behind the whole flood, is stored within the bound, every refusal
 * is recorded and its notice reaches the gateway, and nothing of ent-b's is refused. Ingest runs
 * as its own process; the test prints how long the incident waited and what ingest spent per
 * refusal and per accepted reading (`refusals-cost-about-what-acceptances-do` bounds the ratio).
 */
const FLOOD = 10_000;
/** A correctness bound, not a timing target: recording the flood takes longer than this. */
const BOUND_MS = 5_000;

/** CPU time a process has used, in ms (Linux: /proc/{pid}/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

describe.each(DEPLOYED_BROKERS)('on $name: a flood of refused messages', (broker) => {
  const iso = isolate('flood-refused');
  const keys = createKeys(iso.prefix);
  let accounts: TestAgencies;
  let stopBroker: () => Promise<void>;
  let redis: Redis;
  let ingest: ProductProcess;
  let gateway: MqttClient;
  let other: MqttClient;
  let notices = 0;
  const topic = (agency: string, kind: string) => `${iso.topicRoot}/${agency}/${kind}`;
  const login = (id: string) => ({ username: id, password: testPassword(id) });

  beforeAll(async () => {
    accounts = writeTestAgencies();
    const b = await broker.start(accounts, iso.topicRoot);
    stopBroker = b.stop;
    redis = await connectRedis();
    ingest = await spawnProduct('ingest', testConfig(iso, b.url, accounts.ingestEnv));
    const connect = async (id: string) =>
      mqtt.connectAsync(b.url, {
        clientId: `${id}.${iso.clientId('flood')}`,
        protocolVersion: 4,
        reconnectPeriod: 0,
        ...login(id),
      });
    gateway = await connect('ent-a');
    other = await connect('ent-b');
    gateway.on('message', () => notices++);
    await gateway.subscribeAsync(topic('ent-a', 'rejects'), { qos: 1 });
    await gateway.publishAsync(topic('ent-a', 'hazard'), JSON.stringify(hazardMessage('gw-1')), {
      qos: 1,
    });
    await waitFor(() => redis.hGet(keys.state('hazard'), 'ent-a:gw-1'), 'hazard stored');
  }, 60_000);
  afterAll(async () => {
    await gateway?.endAsync();
    await other?.endAsync();
    await ingest?.stop('SIGTERM');
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stopBroker();
    accounts.remove();
  });

  /** Sends `payloads` at QoS 0, then one more at QoS 1: acknowledged, the broker has them all. */
  async function flood(payloads: string[], last: string) {
    for (const payload of payloads) gateway.publish(topic('ent-a', 'sensor'), payload, { qos: 0 });
    await gateway.publishAsync(topic('ent-a', 'sensor'), last, { qos: 1 });
  }

  /** Ingest's CPU until `done`, settled: what it spent on the flood, in µs per message. */
  async function cpuOf(since: number, done: () => Promise<boolean>, what: string) {
    await waitFor(done, what, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    return ((cpuMs(ingest.pid) - since) * 1000) / (FLOOD + 1);
  }

  const cut = (m: number) => `{"id": "gw-1-lt1", "value": ${m}`;
  const noTime = (m: number) => JSON.stringify({ id: 'gw-1-lt1', value: m });
  const t0 = Date.now() - 3_600_000;
  const valid = (m: number) => JSON.stringify(reading('gw-1-lt1', 50, t0 + m * 100));

  it('stores another agency’s message meanwhile, and answers every refusal', async () => {
    // Both paths once, so neither is measured before the JIT has compiled it.
    const warm = 1_000;
    await flood(
      Array.from({ length: warm }, (_, m) => (m % 2 ? noTime(m) : valid(m))),
      valid(warm),
    );
    await waitFor(
      async () => Number((await redis.get(keys.telemetryAdded)) ?? 0) > warm / 2,
      'warm-up readings stored',
    );
    await waitFor(() => notices >= warm / 2, 'warm-up refusals noticed');
    await redis.del(keys.rejects);
    notices = 0;

    const refused = Array.from({ length: FLOOD }, (_, m) => (m % 2 ? noTime(m) : cut(m)));
    const cpu0 = cpuMs(ingest.pid);
    await flood(refused, cut(FLOOD));
    const publishedAt = Date.now();
    await other.publishAsync(
      topic('ent-b', 'incident'),
      JSON.stringify({ ...INCIDENT_EXAMPLE, ts: new Date(publishedAt).toISOString() }),
      { qos: 1 },
    );
    // The moment the incident is stored, how many of the refusals are recorded?
    const atIncident = await waitFor(
      async () => {
        const [stored, recorded] = await Promise.all([
          redis.hGet(keys.state('incident'), `ent-b:${INCIDENT_EXAMPLE.id}`),
          redis.xLen(keys.rejects),
        ]);
        return stored !== null && { recorded, at: Date.now() };
      },
      'the other agency’s incident stored',
      60_000,
    );
    const delay = atIncident.at - publishedAt;
    // Every refusal recorded, and each one's notice received by the gateway.
    const perRefusal = await cpuOf(
      cpu0,
      async () => (await redis.xLen(keys.rejects)) >= FLOOD + 1 && notices >= FLOOD + 1,
      'every refusal recorded and noticed',
    );

    // As many accepted readings (QoS 0, one a message), for comparison.
    const before = Number(await redis.get(keys.telemetryAdded));
    const accepted = Array.from({ length: FLOOD }, (_, m) => valid(warm + 1 + m));
    const cpu1 = cpuMs(ingest.pid);
    await flood(accepted, valid(warm + 1 + FLOOD));
    const perAcceptance = await cpuOf(
      cpu1,
      async () => Number(await redis.get(keys.telemetryAdded)) >= before + FLOOD + 1,
      'every reading stored',
    );

    process.stdout.write(
      `${broker.name}: ent-b's incident stored ${delay} ms after it was published, with ` +
        `${atIncident.recorded} of ${FLOOD + 1} refusals recorded; ingest CPU per refusal ` +
        `${perRefusal.toFixed(0)} µs, per accepted reading ${perAcceptance.toFixed(0)} µs\n`,
    );
    expect(delay).toBeLessThan(BOUND_MS);
    expect(notices).toBe(FLOOD + 1);
    // Nothing of ent-b's was refused on the way.
    const byAgency = (await redis.xRange(keys.rejects, '-', '+')) ?? [];
    expect(byAgency.filter((e) => !e.message.e!.includes('"agency":"ent-a"'))).toEqual([]);
  }, 180_000);
});
