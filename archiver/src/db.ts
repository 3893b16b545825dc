import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from '@cc/shared/node';

/** The archive's numbered SQL files, applied in order at start. */
export const MIGRATIONS_DIR = path.resolve(fileURLToPath(import.meta.url), '../../migrations');

/** A pool to the archive's database; tables live in the first schema of its search path. */
export function createPool(url: string, log: Logger, max = 2): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    // A connection PostgreSQL dropped while idle is replaced, not reported as a failure.
    idleTimeoutMillis: 30_000,
    application_name: 'cc-archiver',
  });
  // An idle client losing its connection emits here; the pool replaces it.
  pool.on('error', (err) => log.warn({ err: err.message }, 'postgres connection lost'));
  // A client in use emits on itself as well as failing its query: without a listener that
  // 'error' event would end the process (the query's failure is what the archiver acts on).
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err: err.message }, 'postgres connection lost'));
  });
  return pool;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The migration files (`NNN_name.sql`) in version order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f))
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, file.indexOf('_'))),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the migrations not yet applied, each in a transaction, under an advisory lock so two
 * archivers starting at once do not race. A file changed after it was applied is logged, not
 * applied again (a migration is never edited: a new one is added).
 */
export async function migrate(pool: pg.Pool, log: Logger, dir = MIGRATIONS_DIR): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    for (const m of readMigrations(dir)) {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('cc-archive-migrations'))`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
             version integer PRIMARY KEY,
             name text NOT NULL,
             checksum text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
        const done = await client.query<{ checksum: string }>(
          'SELECT checksum FROM schema_migrations WHERE version = $1',
          [m.version],
        );
        if (done.rows[0]) {
          if (done.rows[0].checksum !== m.checksum) {
            log.warn({ migration: m.name }, 'migration changed since it was applied; not re-run');
          }
          await client.query('COMMIT');
          continue;
        }
        // Several statements: the simple query protocol (no parameters).
        await client.query(m.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
          [m.version, m.name, m.checksum],
        );
        await client.query('COMMIT');
        applied.push(m.version);
        log.info({ migration: m.name }, 'archive migration applied');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    }
  } finally {
    client.release();
  }
  return applied;
}
