import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/start/ports';
import {
  ACL_FILE,
  PASSWORD_FILE,
  renderTestBrokerConf,
} from '../../scripts/mosquitto-config/files';
import { waitFor } from './wait';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * Runs the real generator (`npm run mosquitto:config`) on an agencies file; returns the
 * directory holding the password and ACL files.
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
 * A mosquitto of the test's own, on a free local port, with generated credential files: the
 * machine's broker on 1883 is never touched. `stop()` ends exactly this process and removes
 * `authDir`.
 */
export async function startPrivateMosquitto(authDir: string) {
  const port = await freePort();
  const conf = path.join(authDir, 'mosquitto.conf');
  const lines = renderTestBrokerConf({
    port,
    passwordFile: path.join(authDir, PASSWORD_FILE),
    aclFile: path.join(authDir, ACL_FILE),
  });
  // Started as root, mosquitto would switch to its own user, which cannot read the owner-only
  // files the generator wrote; stay as the user that owns them.
  const asRoot = process.getuid?.() === 0 ? 'user root\n' : '';
  writeFileSync(conf, lines + asRoot);
  let output = '';
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}): ${output}`);
    return portAnswers(port);
  }, `private mosquitto on ${port}`);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    /** What mosquitto logged (errors and warnings). */
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(authDir, { recursive: true, force: true });
    },
  };
}
export type PrivateMosquitto = Awaited<ReturnType<typeof startPrivateMosquitto>>;
