import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import type { Redis } from '@cc/shared/node';
import { INGEST_NODE_FLAGS } from '../ingest/src/node-flags';
import { SERVER_NODE_FLAGS } from '../server/src/node-flags';
import { BROKER_SETTINGS } from '../scripts/mosquitto-config/broker-conf';
import { freePort } from '../scripts/start/ports';
import { REDIS_PERSISTENCE, redisAnswers } from '../scripts/start/redis';
import { forkWorker, startNodeProcess, stopChild, type Worker } from './procs';

/**
 * The product on this machine, each part in its own process so each gets its own CPU and memory
 * figure: a Redis of the run's own (AOF every second, as deployed), Mosquitto with the deployed
 * queue settings (or the embedded broker when Mosquitto is not installed), ingest and the server
 * started from their real entry points with their real configuration.
 */
export interface StackOptions {
  /** Extra environment for ingest (its tuning knobs). */
  ingestEnv?: Record<string, string>;
  /** Force the embedded broker even when Mosquitto is installed. */
  embedded?: boolean;
  /** Where logs (and CPU profiles) go. */
  dir: string;
  /** Processes to run under `--cpu-prof` (`ingest`, `server`): profiles land in `dir`. */
  profile?: string[] | undefined;
}

const installed = (cmd: string) => !spawnSync(cmd, ['-h']).error;

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

/** Redis: a private redis-server with AOF like docker-compose.yml, or REDIS_URL if none is installed. */
async function startRedis(dir: string) {
  if (!installed('redis-server')) {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    return { url, kind: `shared Redis at ${url} (redis-server not installed)`, child: undefined };
  }
  const port = await freePort();
  const data = mkdtempSync(path.join(tmpdir(), 'cc-bench-redis-'));
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', data],
      ...REDIS_PERSISTENCE,
      ...['--save', ''],
      ...['--logfile', path.join(dir, 'redis.log')],
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitUntil(() => redisAnswers(url, 300), `redis-server on ${port}`);
  return { url, kind: 'private redis-server, AOF everysec', child, data };
}

/** The queue, flow-control and TCP settings of the deployed broker (`BROKER_SETTINGS`). */
function deployedQueueSettings(): string[] {
  const keys = new Set([
    'max_queued_messages',
    'max_queued_bytes',
    'max_inflight_messages',
    'queue_qos0_messages',
    'max_packet_size',
    'set_tcp_nodelay',
  ]);
  return BROKER_SETTINGS.filter((s) => keys.has(s.key)).map((s) => `${s.key} ${s.value}`);
}

type Broker = {
  url: string;
  kind: string;
  pid: () => number;
  stop: () => Promise<void>;
};

async function startMosquitto(dir: string): Promise<Broker> {
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      ...deployedQueueSettings(),
      `log_dest file ${path.join(dir, 'mosquitto.log')}`,
      'log_type error',
      'log_type warning',
      process.getuid?.() === 0 ? 'user root' : '',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode})`);
    return portAnswers(port);
  }, `mosquitto on ${port}`);
  return {
    url,
    kind: `private Mosquitto ${mosquittoVersion()} with the deployed queue settings`,
    pid: () => child.pid ?? 0,
    stop: () => stopChild(child),
  };
}

function mosquittoVersion(): string {
  const out = spawnSync('mosquitto', ['-h']).stdout?.toString() ?? '';
  return /version (\S+)/.exec(out)?.[1] ?? '';
}

function portAnswers(port: number): Promise<boolean> {
  return import('node:net').then(
    ({ connect }) =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
  );
}

/** The embedded Aedes broker, in a process of its own. */
async function startEmbedded(): Promise<Broker> {
  const worker: Worker = forkWorker('bench/workers/broker.ts', 'broker');
  const { port } = await worker.call<{ port: number }>('start');
  return {
    url: `mqtt://127.0.0.1:${port}`,
    kind: 'embedded Aedes broker',
    pid: () => worker.pid,
    stop: () => worker.stop(),
  };
}

export async function startStack(options: StackOptions) {
  const redisInfo = await startRedis(options.dir);
  const broker =
    !options.embedded && installed('mosquitto')
      ? await startMosquitto(options.dir)
      : await startEmbedded();
  const prefix = 'bench:';
  const topicRoot = 'cc/v1';
  const redis: Redis = createClient({ url: redisInfo.url });
  redis.on('error', () => {});
  await redis.connect();
  // A shared Redis may hold an earlier run's keys under the prefix.
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    if (keys.length > 0) await redis.del(keys);
  }
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);

  let ingest: ChildProcess | undefined;
  let server: ChildProcess | undefined;
  let serverPort = 0;

  const common = {
    REDIS_URL: redisInfo.url,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'info',
  };
  const profiled = (name: string): string[] =>
    options.profile?.includes(name)
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(options.dir, `profile-${name}`)}`]
      : [];
  const stack = {
    /** Where the processes' logs go. */
    dir: options.dir,
    redis,
    redisUrl: redisInfo.url,
    brokerUrl: broker.url,
    prefix,
    topicRoot,
    kinds: { redis: redisInfo.kind, broker: broker.kind },
    get serverUrl() {
      return `http://127.0.0.1:${serverPort}`;
    },
    /** Every process of the product, by name, for CPU and memory figures. */
    pids(): Record<string, number> {
      const pids: Record<string, number> = { broker: broker.pid(), redis: redisPid };
      if (ingest?.pid && ingest.exitCode === null) pids.ingest = ingest.pid;
      if (server?.pid && server.exitCode === null) pids.server = server.pid;
      return pids;
    },
    async startIngest(extra: Record<string, string> = {}) {
      ingest = await startNodeProcess({
        entry: 'ingest/src/main.ts',
        env: {
          ...common,
          MQTT_URL: broker.url,
          MQTT_TOPIC_ROOT: topicRoot,
          INGEST_CLIENT_ID: 'bench-ingest-1',
          INGEST_METRICS_PORT: '0',
          ...options.ingestEnv,
          ...extra,
        },
        nodeArgs: [...INGEST_NODE_FLAGS, ...profiled('ingest')],
        logFile: path.join(options.dir, 'ingest.log'),
        ready: /"msg":"subscribed"/,
      });
    },
    async stopIngest() {
      if (ingest) await stopChild(ingest);
      ingest = undefined;
    },
    async startServer() {
      serverPort = await freePort();
      server = await startNodeProcess({
        entry: 'server/src/main.ts',
        env: {
          ...common,
          HOST: '127.0.0.1',
          PORT: String(serverPort),
          TELEMETRY_HZ: '10',
        },
        nodeArgs: [...SERVER_NODE_FLAGS, ...profiled('server')],
        logFile: path.join(options.dir, 'server.log'),
        ready: /"msg":"server listening"/,
      });
      await waitUntil(async () => {
        const res = await fetch(`${stack.serverUrl}/readyz`).catch(() => undefined);
        return res?.status === 200;
      }, 'server /readyz');
    },
    async stopServer() {
      if (server) await stopChild(server);
      server = undefined;
    },
    async stop() {
      await stack.stopServer();
      await stack.stopIngest();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
        if (keys.length > 0) await redis.del(keys);
      }
      await redis.close();
      await broker.stop();
      if (redisInfo.child) await stopChild(redisInfo.child);
      if ('data' in redisInfo && redisInfo.data)
        rmSync(redisInfo.data, { recursive: true, force: true });
    },
  };
  return stack;
}
export type Stack = Awaited<ReturnType<typeof startStack>>;
