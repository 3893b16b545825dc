import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../archiver/src/db';
import { isolate } from '../helpers/isolation';
import { testSchema, type TestSchema } from '../helpers/postgres';
import { quietLog } from '../helpers/product';

/**
 * The archive's queries on tables of a realistic shape (a day of events, a day of a few hundred
 * sensors' samples): the planner must take an index for a time range and for one entity, not
 * read the table. Checked on the plan PostgreSQL chooses itself (EXPLAIN), nothing forced.
 */
let db: TestSchema;

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
async function explain(sql: string, params: unknown[] = []) {
  const { rows } = await db.pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    params,
  );
  const all = nodes(rows[0]!['QUERY PLAN'][0].Plan);
  return {
    types: all.map((n) => n['Node Type']),
    indexes: all.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])),
  };
}

const DAY_START = Date.parse('2026-11-01T00:00:00+08:00');

beforeAll(async () => {
  db = await testSchema(isolate('archive-explain'));
  await migrate(db.pool, quietLog);
  // A day: 86,400 events (one a second, over 2,000 entities of 4 kinds), 300 sensors with a
  // sample every 2 minutes (216,000 rows; every 10 s would be 2.6 M, slow to make in a test)
  // and 200 checkpoints.
  await db.pool.query(
    `INSERT INTO events (stream_ms, stream_seq, at, kind, op, entity_id, body)
     SELECT $1::bigint + i * 1000, 0, to_timestamp(($1::bigint + i * 1000) / 1000.0),
            (ARRAY['incident','resource','alarm','order'])[1 + i % 4], 'upsert',
            'agency:e' || (i % 2000), '{}'::jsonb
     FROM generate_series(0, 86399) AS i`,
    [DAY_START],
  );
  await db.pool.query(
    `INSERT INTO telemetry (kind, entity_id, at, bucket, sampled, alarm, value, level)
     SELECT 'reading', 'ent:s' || s, to_timestamp(($1::bigint + k * 120000) / 1000.0),
            ($1::bigint + k * 120000) / 10000, true, false, 50, 'normal'
     FROM generate_series(0, 299) AS s, generate_series(0, 719) AS k`,
    [DAY_START],
  );
  await db.pool.query(
    `INSERT INTO snapshots (taken_at, event_ms, event_seq, body)
     SELECT to_timestamp(($1::bigint + k * 600000) / 1000.0), $1::bigint + k * 600000, 0, '{}'::jsonb
     FROM generate_series(0, 199) AS k`,
    [DAY_START],
  );
  await db.pool.query('ANALYZE events; ANALYZE telemetry; ANALYZE snapshots');
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

const at = (hours: number) => new Date(DAY_START + hours * 3_600_000).toISOString();

describe('the archive schema', () => {
  it('is applied from numbered SQL files, once', async () => {
    expect(readMigrations().map((m) => m.name)).toContain('001_archive.sql');
    expect(await migrate(db.pool, quietLog)).toEqual([]);
    const { rows } = await db.pool.query('SELECT version FROM schema_migrations');
    expect(rows.map((r: { version: number }) => r.version)).toEqual(
      readMigrations().map((m) => m.version),
    );
  });

  it('finds the events of ten minutes through the time index', async () => {
    const plan = await explain(`SELECT * FROM events WHERE at >= $1 AND at < $2 ORDER BY at`, [
      at(10),
      at(10 + 1 / 6),
    ]);
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('events_at');
  });

  it("finds one entity's events through the entity index", async () => {
    const plan = await explain(
      `SELECT * FROM events WHERE kind = 'incident' AND entity_id = $1 ORDER BY at`,
      ['agency:e4'],
    );
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('events_entity');
  });

  it("finds one sensor's values in an hour through the table's key", async () => {
    const plan = await explain(
      `SELECT at, value FROM telemetry
       WHERE kind = 'reading' AND entity_id = $1 AND at >= $2 AND at < $3 ORDER BY at`,
      ['ent:s17', at(5), at(6)],
    );
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('telemetry_pkey');
  });

  it('finds every value observed in a minute through the time index', async () => {
    const plan = await explain(`SELECT * FROM telemetry WHERE at >= $1 AND at < $2`, [
      at(3),
      at(3 + 1 / 60),
    ]);
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('telemetry_at');
  });

  it('finds the checkpoint before a moment through its key', async () => {
    const plan = await explain(
      `SELECT * FROM snapshots WHERE taken_at <= $1 ORDER BY taken_at DESC LIMIT 1`,
      [at(12)],
    );
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('snapshots_pkey');
  });
});
