import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/start/ports';
import { COMPOSE_SITE, renderBrokerConf } from '../../scripts/mosquitto-config/broker-conf';
import { waitFor } from './wait';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Where Debian (and Ubuntu) put Mosquitto's dynamic-security plugin; the image's path last. */
const PLUGIN_PATHS = [
  '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so',
  COMPOSE_SITE.plugin,
];

function localPlugin(): string {
  const found = PLUGIN_PATHS.find((p) => existsSync(p));
  if (!found) throw new Error(`no mosquitto_dynamic_security.so in ${PLUGIN_PATHS.join(', ')}`);
  return found;
}

/**
 * Runs the real generator (`npm run mosquitto:config`) on an agencies file; returns the
 * directory holding the accounts file it wrote.
 */
export async function generateMosquittoFiles(agenciesFile: string, topicRoot: string) {
  const out = mkdtempSync(path.join(tmpdir(), 'cc-mosquitto-auth-'));
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/mosquitto-config.ts',
      '--agencies',
      agenciesFile,
      '--out',
      out,
      '--root',
      topicRoot,
    ],
    { cwd: ROOT },
  );
  return out;
}

/**
 * The deployed broker's configuration (`renderBrokerConf`, what `npm run mosquitto:config`
 * writes for docker compose) with only what is tied to the container changed: a local port, the
 * data and accounts directories, this machine's plugin path, the log on stderr.
 */
export function testBrokerConf(options: {
  port: number;
  dataDir: string;
  authDir: string;
  /** Lines after the deployed ones (a later value of a setting wins): a test's departure. */
  extra?: readonly string[] | undefined;
}) {
  const conf = renderBrokerConf(
    {
      listeners: [{ host: '127.0.0.1', port: options.port }],
      dataDir: `${options.dataDir}/`,
      authDir: options.authDir,
      plugin: localPlugin(),
      logDest: 'stderr',
    },
    options.extra,
  );
  // Started as root, mosquitto would switch to its own user, which cannot read the owner-only
  // files the generator wrote; stay as the user that owns them.
  return process.getuid?.() === 0 ? `${conf}user root\n` : conf;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A mosquitto of the test's own on a free local port, running the deployed configuration
 * (persistence on, in a directory of its own) with the accounts generated in `authDir`; the
 * machine's broker on 1883 is never touched. It can be stopped and started again on the same
 * port and data. `close()` ends it and removes both directories; safe whatever its state.
 */
export async function startPersistentMosquitto(
  authDir: string,
  options: { extra?: readonly string[] } = {},
) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-mosquitto-data-'));
  const conf = path.join(dataDir, 'mosquitto.conf');
  writeFileSync(conf, testBrokerConf({ port, dataDir, authDir, extra: options.extra }));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  async function start(): Promise<void> {
    if (child) throw new Error(`mosquitto on ${port} is already running`);
    const started = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    started.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child = started;
    exited = new Promise<void>((resolve) =>
      started.once('exit', () => {
        if (child === started) child = undefined;
        resolve();
      }),
    );
    await waitFor(async () => {
      if (started.exitCode !== null) throw new Error(`mosquitto exited: ${output}`);
      return portAnswers(port);
    }, `mosquitto on ${port}`);
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running) return;
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    /** Starts it again on the same port; it reloads sessions and queued messages from disk. */
    start,
    /** Graceful stop (SIGTERM): mosquitto writes its database, then exits. */
    stop: () => end('SIGTERM'),
    /** What mosquitto logged. */
    output: () => output,
    /** Ends it and removes its data and the accounts directory. Idempotent. */
    async close(): Promise<void> {
      await end('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(authDir, { recursive: true, force: true });
    },
  };
}
export type PersistentMosquitto = Awaited<ReturnType<typeof startPersistentMosquitto>>;

/** A private mosquitto a test only starts and stops (see `startPersistentMosquitto`). */
export async function startPrivateMosquitto(
  authDir: string,
  options: { extra?: readonly string[] } = {},
) {
  const broker = await startPersistentMosquitto(authDir, options);
  return { url: broker.url, port: broker.port, output: broker.output, stop: broker.close };
}
export type PrivateMosquitto = Awaited<ReturnType<typeof startPrivateMosquitto>>;
