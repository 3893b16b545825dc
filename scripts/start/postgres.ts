import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort, isPortFree } from './ports';

/**
 * The archive's database for `npm start`: the PostgreSQL at DATABASE_URL when it answers, else
 * a private `postgres` with its data under `.data/postgres` when the binaries are installed,
 * else an embedded PGlite (PostgreSQL compiled to WebAssembly, in this process) served on a
 * local port over PostgreSQL's wire protocol, with its data under `.data/pglite`. Every process
 * then talks plain PostgreSQL to the URL it is given, and the archive's SQL is the same.
 */

/** Why a database URL does not answer, or undefined when it does. */
export async function postgresProblem(url: string, timeoutMs = 2_000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Connects to `url`, creating its database first when the server answers but has no database
 * of that name (a fresh PostgreSQL). Resolves whether it answers now.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const problem = await postgresProblem(url);
  if (problem === undefined) return true;
  if (!/database ".*" does not exist/.test(problem)) return false;
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 2_000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch {
    return false;
  } finally {
    await admin.end().catch(() => {});
  }
  return (await postgresProblem(url)) === undefined;
}

/** The directory of `initdb` and `postgres`: on PATH, or Debian's /usr/lib/postgresql/{version}/bin. */
export function postgresBinaries(): string | undefined {
  const onPath = spawnSync('initdb', ['--version']);
  if (!onPath.error && onPath.status === 0) {
    const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
    return path.dirname(which.stdout.trim());
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((v) => existsSync(path.join(debian, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(debian, versions[0], 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` account when there is one. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0)
    throw new Error('running as root with no postgres account');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a private PostgreSQL for this run (data under `dir`, trust authentication on
 * 127.0.0.1 only), on `preferredPort` or a free one. Stopped with the product.
 */
export async function startPrivatePostgres(
  bin: string,
  dir: string,
  preferredPort: number,
): Promise<EmbeddedDatabase> {
  const user = runAs();
  // As the account itself (not through runuser, which would not pass our signals on).
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  mkdirSync(dir, { recursive: true });
  if (user) chownSync(dir, user.uid, user.gid);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    const init = spawnSync(
      path.join(bin, 'initdb'),
      ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale'],
      { encoding: 'utf8', ...as },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  }
  const port =
    preferredPort >= 1024 && (await isPortFree(preferredPort)) ? preferredPort : await freePort();
  const args = [
    '-D',
    dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    // Its socket in its own directory: /var/run/postgresql may not be writable.
    '-c',
    `unix_socket_directories=${dir}`,
  ];
  const child: ChildProcess = spawn(path.join(bin, 'postgres'), args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...as,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
  const url = `postgres://postgres@127.0.0.1:${port}/commandcenter`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await ensureDatabase(url)) {
      return {
        url,
        async stop() {
          if (child.exitCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          // Fast shutdown: open transactions roll back, nothing committed is lost.
          child.kill('SIGINT');
          await exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`postgres did not start on port ${port}: ${stderr.trim()}`);
}

/**
 * Starts PGlite with its data under `dir`, served over PostgreSQL's wire protocol on
 * 127.0.0.1 (`preferredPort` or a free one), several connections multiplexed onto it.
 */
export async function startPglite(dir: string, preferredPort: number): Promise<EmbeddedDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const port =
    preferredPort >= 1024 && (await isPortFree(preferredPort)) ? preferredPort : await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  return {
    // PGlite has one database, `postgres`.
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
