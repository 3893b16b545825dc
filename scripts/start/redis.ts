import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createClient } from 'redis';
import { freePort, isPortFree } from './ports';

/** Resolves true when a Redis server answers PING at `url` within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const client = createClient({
    url,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

export class RedisMissingError extends Error {
  override readonly name = 'RedisMissingError';
}

/**
 * Redis persistence as the product deploys it (`docker-compose.yml` says the same; a test checks
 * it): AOF, fsync every second. Redis rewrites the AOF (a forked child copies the whole data set)
 * once it has doubled since the last rewrite, and here not before it reaches 1 GB: with Redis's
 * 64 MB default, a Redis filling with sensor history at 10,000 readings/s rewrote it every
 * 20–40 s, a fork and 5–10 s of a core each time, on a 2-core machine (`docs/benchmarks.md`).
 */
export const REDIS_PERSISTENCE = [
  '--appendonly',
  'yes',
  '--appendfsync',
  'everysec',
  '--auto-aof-rewrite-min-size',
  '1gb',
] as const;

/**
 * Starts a private redis-server for this run: data under `dir` with AOF on, so a restart of the
 * product keeps its picture. Stopped with the product.
 */
export async function startPrivateRedis(preferredPort: number, dir: string) {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new RedisMissingError(
      'Redis is not reachable and redis-server is not installed.\n' +
        '  Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n' +
        '  or point REDIS_URL at a running Redis (e.g. REDIS_URL=redis://host:6379).',
    );
  }
  const port = (await isPortFree(preferredPort)) ? preferredPort : await freePort();
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      ...REDIS_PERSISTENCE,
      '--save',
      '',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    if (await redisAnswers(url, 200)) return { url, port, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}
