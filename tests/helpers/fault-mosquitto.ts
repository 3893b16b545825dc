import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { freePort } from '../../scripts/start/ports';
import { ACL_FILE, PASSWORD_FILE } from '../../scripts/mosquitto-config/files';
import { waitFor } from './wait';

const DEPLOY_CONF = path.resolve(import.meta.dirname, '../../deploy/mosquitto/mosquitto.conf');

/**
 * The product's broker configuration (deploy/mosquitto/mosquitto.conf: persistence, queue
 * limits, inflight window) with only what is tied to the container replaced: a local port, the
 * data directory and the generated credential files. Throws if a line it replaces is gone, so a
 * change to the deployed file cannot silently leave the test on other settings.
 */
export function renderFaultBrokerConf(
  deployConf: string,
  options: { port: number; dataDir: string; authDir: string },
): string {
  const replace: [RegExp, string][] = [
    [/^listener .*$/m, `listener ${options.port} 127.0.0.1`],
    [/^password_file .*$/m, `password_file ${path.join(options.authDir, PASSWORD_FILE)}`],
    [/^acl_file .*$/m, `acl_file ${path.join(options.authDir, ACL_FILE)}`],
    [/^persistence_location .*$/m, `persistence_location ${options.dataDir}/`],
    [/^log_dest .*$/m, 'log_dest stderr'],
  ];
  let conf = deployConf;
  for (const [line, replacement] of replace) {
    if (!line.test(conf)) throw new Error(`deploy mosquitto.conf has no line matching ${line}`);
    conf = conf.replace(line, replacement);
  }
  // Started as root, mosquitto would switch to its own user, which cannot read the owner-only
  // files the generator wrote; stay as the user that owns them.
  return process.getuid?.() === 0 ? `${conf}\nuser root\n` : conf;
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
 * A mosquitto of the test's own running the deployed configuration, persistence on, that can be
 * stopped and started again on the same port and data directory. `authDir` holds the generated
 * password and ACL files (`generateMosquittoFiles`). `close()` ends it and removes both
 * directories; safe in `afterAll` whatever state the broker is in.
 */
export async function startPersistentMosquitto(authDir: string) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-fault-mosquitto-'));
  const conf = path.join(dataDir, 'mosquitto.conf');
  writeFileSync(
    conf,
    renderFaultBrokerConf(readFileSync(DEPLOY_CONF, 'utf8'), { port, dataDir, authDir }),
  );
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
    /** Ends it and removes its data and the credential files. Idempotent. */
    async close(): Promise<void> {
      await end('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(authDir, { recursive: true, force: true });
    },
  };
}
export type PersistentMosquitto = Awaited<ReturnType<typeof startPersistentMosquitto>>;

/**
 * Ends a persistent session a test left on a shared broker (ingest connects with
 * `clean: false`): connecting once with a clean session makes the broker drop it.
 */
export async function forgetSession(
  url: string,
  clientId: string,
  login: { username?: string; password?: string } = {},
): Promise<void> {
  const client = await mqtt.connectAsync(url, {
    clientId,
    clean: true,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...login,
  });
  await client.endAsync();
}
