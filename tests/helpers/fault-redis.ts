import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import type { Redis } from '@cc/shared/node';
import { freePort } from '../../scripts/start/ports';
import { redisAnswers } from '../../scripts/start/redis';
import { waitFor } from './wait';

export type AppendFsync = 'always' | 'everysec' | 'no';

/**
 * A redis-server of the caller's own with AOF on, on a free port and a data directory under the
 * system temp dir, that can be shut down, crashed, frozen and started again on the same port and
 * directory — what a Redis restart looks like to the product. `close()` ends it and removes the
 * directory; it is safe in `afterAll` whatever state the server is in.
 */
export async function startAofRedis(
  options: { appendfsync?: AppendFsync; /** false: AOF off, for contrast. */ aof?: boolean } = {},
) {
  const appendfsync = options.appendfsync ?? 'everysec';
  const appendonly = options.aof === false ? 'no' : 'yes';
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-fault-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  async function start(): Promise<void> {
    if (child) throw new Error(`redis-server on ${port} is already running`);
    const started = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
        ...['--appendonly', appendonly, '--appendfsync', appendfsync, '--save', ''],
        ...['--loglevel', 'warning'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    started.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child = started;
    exited = new Promise<void>((resolve) =>
      started.once('exit', () => {
        if (child === started) child = undefined;
        resolve();
      }),
    );
    // PING answers LOADING until the AOF is replayed: ready means the data is back.
    await waitFor(async () => {
      if (started.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      return redisAnswers(url, 200);
    }, `redis-server on ${port}`);
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running) return;
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    url,
    port,
    /** The data directory (AOF files under `appendonlydir/`). */
    dir,
    appendfsync,
    /** Starts it again on the same port and directory; resolves once the AOF is loaded. */
    start,
    /** Running again (thawed, or restarted) if a test left it stopped: for cleanup. */
    async revive(): Promise<void> {
      if (child) child.kill('SIGCONT');
      else await start();
    },
    /** Graceful stop (SIGTERM): Redis flushes and fsyncs the AOF, then exits. */
    shutdown: () => end('SIGTERM'),
    /** Abrupt stop (SIGKILL): whatever Redis had not yet written to the AOF file is gone. */
    crash: () => end('SIGKILL'),
    /** Stops the process without closing its sockets: clients' commands hang, like a partition. */
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    /** What redis-server logged (warnings and errors). */
    output: () => output,
    /** Ends it (even frozen) and removes its data. Idempotent. */
    async close(): Promise<void> {
      await end('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type AofRedis = Awaited<ReturnType<typeof startAofRedis>>;

/** A client of a private Redis that keeps trying through its restarts (errors are expected). */
export async function connectTo(url: string): Promise<Redis> {
  const redis: Redis = createClient({ url });
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}
