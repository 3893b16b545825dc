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
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
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
