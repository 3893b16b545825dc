import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Config } from '@cc/shared/node';
import { waitFor } from './wait';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = {
  ingest: path.join(ROOT, 'ingest/src/main.ts'),
  server: path.join(ROOT, 'server/src/main.ts'),
  archiver: path.join(ROOT, 'archiver/src/main.ts'),
} as const;
/** The log line each entry point writes once it does its job. */
const READY = {
  ingest: '"msg":"subscribed"',
  server: '"msg":"server listening"',
  archiver: '"msg":"archiver started"',
} as const;

/** Every product process started here and not yet exited: killed if the test process ends. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** What a process needs from the caller's environment to run at all; no product setting. */
function inherited(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** A configuration as the environment a product process reads it from (`loadConfig`). */
export function envOf(config: Partial<Config> | Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) env[key] = String(value);
  }
  return env;
}

/**
 * Starts a real entry point (`ingest/src/main.ts` or `server/src/main.ts`) as its own OS process,
 * the way `npm start` and the container do, and resolves once it logs that it is ready (ingest:
 * subscribed; server: listening). It logs at `info` so readiness can be seen.
 */
export async function spawnProduct(
  kind: keyof typeof ENTRY,
  config: Partial<Config> | Record<string, string>,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY[kind]], {
    cwd: ROOT,
    // Only what the test decides: nothing from the caller's environment leaks into the config.
    env: { ...inherited(), ...envOf(config), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let logs = '';
  let readyCount = 0;
  child.stdout?.on('data', (d: Buffer) => {
    const text = d.toString();
    logs += text;
    readyCount += text.split(READY[kind]).length - 1;
  });
  child.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`${kind} exited (${child.exitCode}): ${logs}`);
        return readyCount > 0;
      },
      `${kind} process ready`,
      30_000,
    );
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
  return {
    kind,
    pid: child.pid!,
    /** Everything the process logged (JSON lines), for diagnosis and log assertions. */
    logs: () => logs,
    /** Sends `signal` (SIGKILL unless said otherwise) and resolves once the process is gone. */
    async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
export type ProductProcess = Awaited<ReturnType<typeof spawnProduct>>;

/** SIGKILLs every product process still running: for `afterAll`, whatever the test did. */
export async function killProductProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
