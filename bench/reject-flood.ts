import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { createTopics, type FeedKind } from '@cc/shared';
import { createLogger, createKeys, loadConfig, type Redis } from '@cc/shared/node';
import { createClient } from 'redis';
import { startIngest } from '../ingest/src/ingest';
import { startPersistentMosquitto } from '../tests/helpers/fault-mosquitto';
import { generateMosquittoFiles } from '../tests/helpers/private-mosquitto';
import { testPassword, writeTestAgencies } from '../tests/helpers/agency-accounts';

/**
 * What a refusal costs ingest, next to an acceptance, and what a flood of them does to another
 * agency: a private Mosquitto on the deployed configuration, ingest in this process, and
 * `mosquitto_pub -l` (another process) sending N one-line messages of agency ent-a at QoS 0:
 * first N refused ones (half not JSON, half readings without a time), then N valid readings.
 * Right behind each flood ent-b publishes an incident; the figures are how long the flood took
 * to be recorded, ingest's CPU per message, and how long the incident waited.
 *   tsx bench/reject-flood.ts [messages=10000]
 * Run with `node --cpu-prof --import tsx bench/reject-flood.ts` to see where the time goes.
 */
const N = Number(process.argv[2] ?? 10_000);
/** `refused` or `accepted` runs that flood alone (for a profile of it). */
const only = process.argv[3];
const tag = `bench-rejects-${Math.random().toString(16).slice(2, 10)}`;
const root = `${tag}/cc/v1`;
const accounts = writeTestAgencies();
const broker = await startPersistentMosquitto(await generateMosquittoFiles(accounts.path, root));
const config = loadConfig({
  REDIS_URL: process.env.REDIS_URL,
  REDIS_PREFIX: `${tag}:`,
  MQTT_URL: broker.url,
  MQTT_TOPIC_ROOT: root,
  OFFLINE_ALARMS: 'off',
  ...accounts.ingestEnv,
});
const keys = createKeys(config.REDIS_PREFIX);
const redis = createClient({ url: config.REDIS_URL }) as Redis;
await redis.connect();
const ingest = await startIngest(config, createLogger('bench-rejects', 'silent'));
await ingest.subscriber.ready;
const login = (id: string) => ({ username: id, password: testPassword(id) });
const other = await mqtt.connectAsync(broker.url, { clientId: `${tag}-b`, ...login('ent-b') });
const topics = createTopics(root);
const topic = (agency: string, kind: FeedKind) => topics.feed(agency, kind);

/** Publishes `lines` as one message each, QoS 0, from another process; resolves when sent. */
function flood(lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const { username, password } = login('ent-a');
    const pub = spawn('mosquitto_pub', [
      ...['-p', String(broker.port), '-u', username, '-P', password, '-i', `${tag}-a`],
      ...['-q', '0', '-t', topic('ent-a', 'sensor'), '-l'],
    ]);
    pub.on('error', reject);
    pub.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub ${code}`))));
    pub.stdin.end(lines.join('\n') + '\n');
  });
}

async function until(probe: () => Promise<boolean>): Promise<number> {
  while (!(await probe())) await new Promise((r) => setTimeout(r, 5));
  return performance.now();
}

let incidents = 0;
async function run(name: string, lines: string[], done: () => Promise<boolean>) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await flood(lines);
  const id = `F-BENCH-${++incidents}`;
  const sentAt = performance.now();
  await other.publishAsync(
    topic('ent-b', 'incident'),
    JSON.stringify({
      id,
      ts: new Date().toISOString(),
      type: 'fire',
      category: 'accident_disaster',
      level: 'IV',
      status: 'reported',
      title: '压测火情',
      location: { type: 'Point', coordinates: [119.97, 31.81] },
    }),
    { qos: 1 },
  );
  const [storedAt, doneAt] = await Promise.all([
    until(async () => (await redis.hGet(keys.state('incident'), `ent-b:${id}`)) !== null),
    until(done),
  ]);
  const cpu = process.cpuUsage(cpu0);
  const f = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 1 });
  console.log(
    `${name}: ${f(N)} messages recorded in ${f(doneAt - t0)} ms (${f((N / (doneAt - t0)) * 1000)}/s), ` +
      `ingest CPU ${f((cpu.user + cpu.system) / N)} µs per message; ` +
      `ent-b's incident stored ${f(storedAt - sentAt)} ms after it was published`,
  );
}

// The hazard that registers the sensor of the valid readings.
await mqtt
  .connectAsync(broker.url, { clientId: `${tag}-a0`, ...login('ent-a') })
  .then(async (c) => {
    await c.publishAsync(
      topic('ent-a', 'hazard'),
      JSON.stringify({
        id: 'tank-1',
        ts: new Date(Date.now() - 3_600_000).toISOString(),
        name: '储罐',
        enterprise: '压测企业',
        grade: 2,
        chemicals: [],
        location: { type: 'Point', coordinates: [119.97, 31.81] },
        sensors: [{ id: 'lt-1', metric: 'level', unit: '%', thresholds: { high: 90 } }],
      }),
      { qos: 1 },
    );
    await c.endAsync();
  });
await until(async () => (await redis.hLen(keys.state('sensor'))) === 1);

const refused = Array.from({ length: N }, (_, m) =>
  m % 2 === 0 ? `{"id": "gw-${m}", "value": ` : JSON.stringify({ id: `gw-${m}`, value: m }),
);
if (only !== 'accepted')
  await run('refused', refused, async () => (await redis.xLen(keys.rejects)) >= N);

const t0 = Date.now() - 3_000_000;
const valid = Array.from({ length: N }, (_, m) =>
  JSON.stringify({ id: 'lt-1', ts: new Date(t0 + m * 100).toISOString(), value: 50 }),
);
if (only !== 'refused')
  await run(
    'accepted',
    valid,
    async () => Number((await redis.get(keys.telemetryAdded)) ?? 0) >= N,
  );

await other.endAsync();
await ingest.close();
for await (const found of redis.scanIterator({ MATCH: `${tag}:*`, COUNT: 1000 })) {
  if (found.length > 0) await redis.del(found);
}
await redis.close();
await broker.close();
accounts.remove();
