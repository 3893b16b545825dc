/**
 * `npm run bench`: the product on this machine's real components, driven over MQTT like real
 * agencies, watched by real Socket.IO clients; figures, never assertions. Everything runs as
 * separate processes against 127.0.0.1 only, bounded in time.
 *
 *   npm run bench               a few minutes; writes bench/results/latest.json and the tables
 *                               in docs/benchmarks.md
 *   npm run bench -- --quick    under a minute, smaller sizes; bench/results/quick.json only
 *   npm run bench -- --soak     10 minutes at a steady high rate: memory of every process;
 *                               bench/results/soak.json and its table in docs/benchmarks.md
 *   --embedded                  the embedded broker even when Mosquitto is installed
 *   --out FILE                  where the JSON goes
 *   --profile ingest,server     run those under --cpu-prof; profiles land in the logs folder
 *   --render                    write the tables again from the JSON files, running nothing
 *                               (bench/results/roads.json of `npm run bench:roads` stands in for a
 *                               run without the roads phase)
 *   --label NAME                write bench/results/NAME.json and leave the docs alone (the
 *                               code before the throughput work was run as `--label before`)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { telemetryOf, type Redis } from '@cc/shared/node';
import { benchClientStore } from './client-store';
import { closeClients, connectClients, fanout, relay, resume } from './phases';
import { ROOT, descendants, forkWorker, loadAverage } from './procs';
import { benchRedisRaw } from './redis-raw';
import { renderComparison, renderMarkdown, spliceDoc, type BenchResults } from './report';
import { benchRoadsInChild, type RoadsBench } from './roads';
import { soak } from './soak';
import { startStack } from './stack';
import { runStep, type Rig, type StepResult } from './steps';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const mode = flag('soak') ? 'soak' : flag('quick') ? 'quick' : 'default';

const PROFILES = {
  default: {
    sensors: 8_000,
    vehicles: 2_000,
    stepSeconds: 8,
    perMessage: 50,
    eventsPerSecond: 20,
    clients: 10,
    qos0: [1_000, 5_000, 10_000, 20_000, 27_500, 35_000, 40_000, 45_000, 50_000, 60_000],
    qos1: [5_000, 10_000, 20_000, 27_500, 35_000, 50_000],
    single: [2_000, 5_000, 10_000, 20_000, 30_000, 40_000, 50_000],
    single1: [5_000, 10_000, 20_000, 30_000],
    browser: [2_000, 10_000, 20_000],
    fanout: [10, 100, 500],
    fanoutRate: 2_000,
    resume: 10_000,
    relay: { single: 200_000, batched: 20_000 },
    redisRaw: 50_000,
    store: [20_000, 50_000, 100_000],
  },
  quick: {
    sensors: 1_000,
    vehicles: 250,
    stepSeconds: 3,
    perMessage: 50,
    eventsPerSecond: 20,
    clients: 10,
    qos0: [1_000, 10_000],
    qos1: [5_000],
    single: [3_000],
    single1: [3_000],
    browser: [2_000],
    fanout: [10, 50],
    fanoutRate: 1_000,
    resume: 1_000,
    relay: { single: 20_000, batched: 2_000 },
    redisRaw: 4_000,
    store: [20_000],
  },
};
const profile = mode === 'quick' ? PROFILES.quick : PROFILES.default;
/** `--only qos0,fanout`: just those phases (qos0, qos1, single, riskoff, single1, browser, fanout, resume, relay, redis, store, roads). */
const only = option('only')?.split(',');
const runs = (phase: string) => !only || only.includes(phase);
/** `--rates 20000,40000`: the stepped rates instead of the profile's. */
const rates = option('rates')?.split(',').map(Number);
const log = (line: string) => process.stdout.write(`${line}\n`);

function describeStep(s: StepResult) {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '—');
  log(
    `  ${s.label.padEnd(22)} published ${f(s.publishedRate)}/s stored ${f(s.storedRate)}/s ` +
      `drain ${f(s.drainMs)} ms, events lost ${s.events.lostWorstClient}/${s.events.published} ` +
      `p99 ${f(s.events.latency.p99)} ms (to Redis ${f(s.events.toRedis?.p99 ?? NaN)}, ` +
      `from Redis ${f(s.events.fromRedis?.p99 ?? NaN)}), freshness p99 ${f(s.telemetry.freshness.p99)} ms, ` +
      `cpu ${JSON.stringify(s.cpu)} others ${f(s.otherCpu)} → ${s.passed ? 'sustained' : 'not sustained'}`,
  );
}

/** Steps at rising rates; stops once a step is clearly overloaded (higher ones would be more so). */
async function series(rig: Rig, name: string, rates: number[], qos: 0 | 1, perMessage: number) {
  const out: StepResult[] = [];
  for (const rate of rates) {
    const step = await runStep(rig, `${name} ${rate}/s`, {
      rate,
      seconds: profile.stepSeconds,
      qos,
      perMessage,
      eventsPerSecond: profile.eventsPerSecond,
    });
    describeStep(step);
    out.push(step);
    if (!(step.drainMs < 5_000) || step.publishedRate < 0.8 * rate) break;
    await new Promise((r) => setTimeout(r, mode === 'quick' ? 300 : 1_000));
  }
  return out;
}

async function main() {
  const startedAt = new Date();
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
  log(`bench (${mode}); logs in ${dir}`);
  const loadAtStart = loadAverage();
  const stack = await startStack({
    dir,
    embedded: flag('embedded'),
    profile: option('profile')?.split(','),
    // `--ingest-env INGEST_BATCH_MESSAGES=200,LOG_LEVEL=debug`: ingest's settings for this run.
    ingestEnv: Object.fromEntries(
      (option('ingest-env')?.split(',') ?? []).map((kv) => [
        kv.slice(0, kv.indexOf('=')),
        kv.slice(kv.indexOf('=') + 1),
      ]),
    ),
  });
  const generator = forkWorker('bench/workers/generator.ts', 'generator');
  const rig: Rig = {
    stack,
    generator,
    clients: [],
    sensors: profile.sensors,
    vehicles: profile.vehicles,
    seq: { sensorSeq: [], vehicleSeq: [] },
  };
  const results: BenchResults = {
    profile: mode,
    startedAt: startedAt.toISOString(),
    durationS: 0,
    machine: {
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.versions.node,
      redis: /redis_version:(\S+)/.exec(await stack.redis.info('server'))?.[1] ?? '?',
      broker: `${stack.kinds.broker}; ${stack.kinds.redis}`,
      loadAtStart,
      otherCpuAvg: 0,
      otherCpuMax: 0,
    },
    scenario: {
      sensors: profile.sensors,
      vehicles: profile.vehicles,
      perMessage: profile.perMessage,
      eventsPerSecond: profile.eventsPerSecond,
    },
    qos0: [],
    qos1: [],
    single: [],
    single1: [],
    browser: [],
    fanout: [],
    redisMemory: { bytesPerEvent: NaN, perMillionEventsMiB: NaN, bytesPerTelemetryItem: NaN },
    relay: [],
    redisRaw: {},
    clientStore: [],
  };
  try {
    await stack.startIngest();
    await stack.startServer();
    await generator.call('connect', {
      url: stack.brokerUrl,
      root: stack.topicRoot,
      sensors: profile.sensors,
      vehicles: profile.vehicles,
    });
    log(`registering ${profile.sensors} sensors and ${profile.vehicles} vehicles…`);
    await generator.call('register');
    await waitRegistered(rig);
    rig.seq = {
      sensorSeq: new Array<number>(profile.sensors).fill(0),
      vehicleSeq: new Array<number>(profile.vehicles).fill(0),
    };

    if (mode === 'soak') {
      await connectClients(rig, profile.clients, 2);
      const rate = Number(option('rate') ?? 10_000);
      const minutes = Number(option('minutes') ?? 10);
      log(`soak: ${minutes} min at ${rate}/s`);
      results.soak = await soak(rig, rate, minutes, profile.perMessage);
      log(JSON.stringify(results.soak.growth));
      await closeClients(rig);
    } else {
      await connectClients(rig, profile.clients, 2);
      if (runs('qos0')) {
        log('stepped load, QoS 0');
        results.qos0 = await series(rig, 'QoS 0', rates ?? profile.qos0, 0, profile.perMessage);
      }
      if (runs('qos1')) {
        log('stepped load, QoS 1');
        results.qos1 = await series(rig, 'QoS 1', rates ?? profile.qos1, 1, profile.perMessage);
      }
      if (runs('single')) {
        log('one reading per message, QoS 0');
        results.single = await series(rig, 'single', rates ?? profile.single, 0, 1);
      }
      if (runs('riskoff')) {
        // Issue 20: live GB 18218 regrading (on by default) may cost at most 10 % of this rate.
        log('one reading per message, QoS 0, live regrading off (RISK_ASSESSMENT=off)');
        await stack.stopIngest();
        await stack.startIngest({ RISK_ASSESSMENT: 'off' });
        try {
          results.singleRiskOff = await series(
            rig,
            'single, regrading off',
            rates ?? profile.single,
            0,
            1,
          );
        } finally {
          await stack.stopIngest();
          await stack.startIngest();
        }
      }
      if (runs('single1')) {
        log('one reading per message, QoS 1');
        results.single1 = await series(rig, 'single QoS 1', rates ?? profile.single1, 1, 1);
      }
      if (runs('browser')) {
        log('a wall page in Chromium as a probe, one reading per message, QoS 0');
        results.browser = await withBrowser(rig, async () => {
          const out: StepResult[] = [];
          for (const rate of rates ?? profile.browser) {
            const step = await runStep(rig, `browser ${rate}/s`, {
              rate,
              seconds: profile.stepSeconds,
              qos: 0,
              perMessage: 1,
              eventsPerSecond: profile.eventsPerSecond,
            });
            describeStep(step);
            log(`    wall page: ${JSON.stringify(step.browser)}`);
            out.push(step);
          }
          return out;
        });
      }
      if (runs('fanout')) {
        log('fan-out');
        results.fanout = await fanout(
          rig,
          profile.fanout,
          {
            rate: profile.fanoutRate,
            seconds: profile.stepSeconds,
            perMessage: profile.perMessage,
            eventsPerSecond: profile.eventsPerSecond,
          },
          mode === 'quick' ? 500 : 2_000,
        );
        for (const f of results.fanout) describeStep(f.step);
      }
      if (runs('resume')) {
        log('resume');
        results.resume = await resume(rig, profile.resume);
        log(`  ${JSON.stringify(results.resume)}`);
        results.redisMemory = await redisMemory(rig);
      }
      if (runs('relay')) {
        log('raw broker relay');
        results.relay = await relay(rig, [
          { qos: 0, perMessage: 1, messages: profile.relay.single },
          { qos: 1, perMessage: 1, messages: profile.relay.single / 2 },
          { qos: 0, perMessage: profile.perMessage, messages: profile.relay.batched },
        ]);
        log(`  ${JSON.stringify(results.relay)}`);
      }
      await stack.stopIngest();
      if (runs('redis')) {
        log('raw Redis');
        results.redisRaw = await benchRedisRaw(stack.redis, stack.prefix, profile.redisRaw);
        log(`  ${JSON.stringify(results.redisRaw)}`);
      }
    }
  } finally {
    await closeClients(rig).catch(() => undefined);
    await generator.call('close').catch(() => undefined);
    await generator.stop();
    await stack.stop();
  }
  if (mode !== 'soak' && runs('store')) {
    log('client store');
    for (const n of profile.store) {
      try {
        const c = benchClientStore(n);
        results.clientStore.push(c);
        log(`  ${JSON.stringify(c)}`);
      } catch (err) {
        // The client's store is another team's code: a change of its API must not lose the run.
        log(`  client store not measured: ${(err as Error).message}`);
      }
    }
  }
  if (mode !== 'soak' && runs('roads')) {
    log('road network');
    results.roads = benchRoadsInChild();
    log(`  ${JSON.stringify(results.roads)}`);
  }
  const steps = [
    ...results.qos0,
    ...results.qos1,
    ...results.single,
    ...(results.singleRiskOff ?? []),
    ...(results.single1 ?? []),
    ...(results.browser ?? []),
    ...results.fanout.map((f) => f.step),
  ];
  if (results.soak) steps.push(results.soak.step);
  results.machine.otherCpuAvg =
    steps.reduce((a, s) => a + s.otherCpu, 0) / Math.max(1, steps.length);
  results.machine.otherCpuMax = Math.max(0, ...steps.map((s) => s.otherCpu));
  results.durationS = (Date.now() - startedAt.getTime()) / 1000;
  write(results);
}

/**
 * The wall page in Debian's Chromium as one more probe for `body` (client/dist is built first when
 * missing). No Chromium: the phase is skipped with a line saying so.
 */
async function withBrowser(rig: Rig, body: () => Promise<StepResult[]>): Promise<StepResult[]> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    log(`  skipped: no Chromium at ${chromium}`);
    return [];
  }
  if (!existsSync(path.join(ROOT, 'client/dist/index.html'))) {
    log('  building the client (client/dist is missing)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const worker = forkWorker('bench/workers/browser-probe.ts', 'browser');
  try {
    const opened = await worker.call<{ ms: number; sampled: number }>(
      'connect',
      { url: rig.stack.serverUrl, sensors: rig.sensors, sample: 500 },
      240_000,
    );
    log(
      `  wall page ready in ${(opened.ms / 1000).toFixed(1)} s, ${opened.sampled} sensors sampled`,
    );
    rig.browser = { worker, pids: descendants(worker.pid) };
    return await body();
  } finally {
    delete rig.browser;
    await worker.call('close').catch(() => undefined);
    await worker.stop();
  }
}

async function waitRegistered(rig: Rig) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [sensors, vehicles] = await Promise.all([
      rig.stack.redis.hLen(`${rig.stack.prefix}state:sensor`),
      rig.stack.redis.hLen(`${rig.stack.prefix}state:resource`),
    ]);
    if (sensors >= rig.sensors && vehicles >= rig.vehicles) return;
    if (Date.now() > deadline)
      throw new Error(`only ${sensors} sensors, ${vehicles} vehicles registered`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Bytes the events stream holds per entry (exact: every node sampled), and the telemetry stream
 * per reading or position (an entry holds a write's worth: items per entry from the newest 50).
 */
async function redisMemory(rig: Rig) {
  const { redis, prefix } = rig.stack;
  const usage = async (key: string) => {
    const [bytes, len] = await Promise.all([
      redis.sendCommand(['MEMORY', 'USAGE', key, 'SAMPLES', '0']),
      redis.xLen(key),
    ]);
    return Number(bytes) / Math.max(1, len);
  };
  const perEvent = await usage(`${prefix}events`);
  return {
    bytesPerEvent: perEvent,
    perMillionEventsMiB: (perEvent * 1e6) / 1048576,
    bytesPerTelemetryItem:
      (await usage(`${prefix}telemetry`)) / (await itemsPerEntry(redis, `${prefix}telemetry`)),
  };
}

async function itemsPerEntry(redis: Redis, key: string): Promise<number> {
  const newest = (await redis.xRevRange(key, '+', '-', { COUNT: 50 })) ?? [];
  const items = newest.reduce((n, e) => n + telemetryOf(e.message).length, 0);
  return Math.max(1, items / Math.max(1, newest.length));
}

function write(results: BenchResults) {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  // A partial run (`--only`, `--rates`) never replaces the full figures.
  const partial = only !== undefined || rates !== undefined || option('label') !== undefined;
  const file =
    option('out') ??
    path.join(
      dir,
      mode === 'soak'
        ? 'soak.json'
        : mode === 'quick' || partial
          ? `${mode === 'quick' ? 'quick' : (option('label') ?? 'partial')}.json`
          : 'latest.json',
    );
  writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
  log(`wrote ${path.relative(ROOT, file)}`);
  if ((mode === 'quick' || partial) && !flag('docs')) return;
  // The tables: the latest full run, with the latest soak's memory figures when there is one.
  const latestFile = path.join(dir, 'latest.json');
  const soakFile = path.join(dir, 'soak.json');
  const latest = mode === 'soak' ? readJson(latestFile) : results;
  if (!latest) return;
  const soakResults = mode === 'soak' ? results : readJson(soakFile);
  if (soakResults?.soak) latest.soak = soakResults.soak;
  // `npm run bench:roads` alone: its figures stand in for a full run's until the next one.
  const roadsFile = path.join(dir, 'roads.json');
  if (!latest.roads && existsSync(roadsFile))
    latest.roads = JSON.parse(readFileSync(roadsFile, 'utf8')) as RoadsBench;
  const before = readJson(path.join(dir, 'before.json'));
  const comparison = before
    ? `\n### Before and after the throughput work\n\nThe same harness on the code before it ` +
      `(\`bench/results/before.json\`, ${before.startedAt}) and after (this run).\n\n` +
      `${renderComparison(before, latest)}\n`
    : '';
  const docFile = path.join(ROOT, 'docs/benchmarks.md');
  writeFileSync(
    docFile,
    spliceDoc(readFileSync(docFile, 'utf8'), renderMarkdown(latest) + comparison),
  );
  log(`updated ${path.relative(ROOT, docFile)}`);
}

function readJson(file: string): BenchResults | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults) : undefined;
}

/** `--render`: the tables again from the JSON files, without running anything. */
if (flag('render')) {
  const results = readJson(path.join(ROOT, 'bench/results/latest.json'));
  if (!results) throw new Error('no bench/results/latest.json to render');
  write(results);
  process.exit(0);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
