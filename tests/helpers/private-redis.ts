import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/start/ports';
import { redisAnswers } from '../../scripts/start/redis';
import { waitFor } from './wait';

/** A redis-server of the test's own, for tests that stop and start Redis. */
export async function startPrivateRedisServer(port?: number) {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${p}`;
  await waitFor(() => redisAnswers(url, 200), `redis-server on ${p}`);
  return {
    url,
    port: p,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
