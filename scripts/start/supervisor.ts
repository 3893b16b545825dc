import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import pinoPretty from 'pino-pretty';

export interface ChildSpec {
  name: string;
  /** Entry file, run with Node and tsx. */
  entry: string;
  env: Record<string, string>;
  /** Node and V8 flags before the entry. */
  nodeArgs?: readonly string[];
}

export interface Supervisor {
  /** Starts one more child under supervision. */
  add(spec: ChildSpec): void;
  /** Stops every child (SIGTERM, then SIGKILL after a grace period); idempotent. */
  stop(): Promise<void>;
}

const GRACE_MS = 5_000;
/** A child that dies this soon after starting failed to start: give up rather than loop. */
const STARTUP_MS = 8_000;
const MAX_RESTARTS = 5;

function pipeOutput(child: ChildProcess, pretty: boolean) {
  if (!child.stdout) return;
  if (pretty) {
    child.stdout.pipe(
      pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }),
    );
  } else {
    child.stdout.pipe(process.stdout as Writable, { end: false });
  }
}

/**
 * Runs the product's processes, restarting one that crashes after it had started (with
 * backoff), and reporting the first one that fails to start through `onFatal`.
 */
export function supervise(
  specs: ChildSpec[],
  onFatal: (name: string, code: number | null) => void,
): Supervisor {
  const pretty = process.stdout.isTTY === true;
  const running = new Map<string, ChildProcess>();
  let stopping = false;

  function launch(spec: ChildSpec, restarts: number) {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [...(spec.nodeArgs ?? []), '--import', 'tsx', spec.entry],
      {
        env: { ...process.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    pipeOutput(child, pretty);
    running.set(spec.name, child);
    child.on('exit', (code, signal) => {
      running.delete(spec.name);
      if (stopping) return;
      if (Date.now() - started < STARTUP_MS || restarts >= MAX_RESTARTS) {
        onFatal(spec.name, code);
        return;
      }
      const wait = Math.min(10_000, 500 * 2 ** restarts);
      process.stderr.write(`${spec.name} exited (${signal ?? code}); restarting in ${wait} ms\n`);
      setTimeout(() => !stopping && launch(spec, restarts + 1), wait);
    });
  }
  for (const spec of specs) launch(spec, 0);

  let stopped: Promise<void> | undefined;
  return {
    add(spec) {
      if (stopping) return;
      if (running.has(spec.name)) throw new Error(`${spec.name} is already running`);
      launch(spec, 0);
    },
    stop() {
      stopping = true;
      stopped ??= Promise.all(
        [...running.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const kill = setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      ).then(() => undefined);
      return stopped;
    },
  };
}
