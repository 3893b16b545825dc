import net from 'node:net';
import pg from 'pg';
import type { Isolation } from './isolation';

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust authentication, database `test`; `.ci/run`
 * starts it where it is missing). `TEST_DATABASE_URL` names another.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL with `search_path` set to `schema` at connection (a startup option). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/**
 * A schema of this test's own in the test database: the archive's tables go there (the
 * archiver creates them in the first schema of its search path), and `drop()` removes it all.
 * `url(base)` is the archiver's DATABASE_URL: `base` (another host or port, e.g. a proxy's) with
 * the schema.
 */
export async function testSchema(iso: Isolation) {
  const schema = `archive_${iso.tag.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  const url = withSchema(TEST_DATABASE_URL, schema);
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  return {
    schema,
    url,
    /** The same database reached through `host:port` (a proxy). */
    via: (port: number) => {
      const u = new URL(url);
      u.port = String(port);
      return u.toString();
    },
    /** Queries run in the schema. */
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}
export type TestSchema = Awaited<ReturnType<typeof testSchema>>;

/**
 * A TCP proxy in front of PostgreSQL that a test can take down: `down()` resets every
 * connection through it and stops listening (connecting is refused, as with a stopped
 * server); `up()` listens again on the same port.
 */
export async function startPostgresProxy(target = new URL(TEST_DATABASE_URL)) {
  const sockets = new Set<net.Socket>();
  const targetPort = Number(target.port || 5432);
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  return {
    port,
    async down() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.resetAndDestroy();
      });
    },
    async up() {
      await listen(port);
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
