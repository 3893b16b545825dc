/**
 * `npm run bench`: figures, not assertions. Starts what it measures on this machine only
 * (127.0.0.1), bounded in time, and prints a table. `--quick` runs smaller sizes.
 *
 * Measured today:
 * - ingest: readings published over MQTT (QoS 0 and 1, batches of 100) until stored in Redis;
 * - live: publish-to-client latency of alarm events through ingest, Redis and the server;
 * - client: applying a batch of 1,000 changes to the store holding N hazards.
 */
import { performance } from 'node:perf_hooks';
import { benchIngest } from './ingest';
import { benchLatency } from './latency';
import { benchClientStore } from './client-store';

const quick = process.argv.includes('--quick');
const rows: [string, string][] = [];
const print = (name: string, value: string) => {
  rows.push([name, value]);
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
};

const started = performance.now();
for (const qos of [0, 1] as const) {
  const r = await benchIngest({ qos, readings: quick ? 5_000 : 20_000 });
  print(`ingest, QoS ${qos}: readings stored per second (${r.readings})`, r.perSecond.toFixed(0));
}
const lat = await benchLatency({ events: quick ? 100 : 300 });
print(`event latency publish→client p50 / p95 / p99 (${lat.events}, ms)`, lat.summary);
for (const n of quick ? [20_000] : [20_000, 50_000, 100_000]) {
  const r = benchClientStore(n);
  print(
    `client: apply 1,000 changes with ${n.toLocaleString('en')} hazards (ms, median)`,
    r.toFixed(2),
  );
}
process.stdout.write(
  `\n${rows.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
process.exit(0);
