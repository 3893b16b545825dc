import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../archiver/src/db';
import { REVIEW_SQL } from '../../server/src/review/period';
import { isolate } from '../helpers/isolation';
import { testSchema, type TestSchema } from '../helpers/postgres';
import { quietLog } from '../helpers/product';

/**
 * The period review's queries (server/src/review/period.ts) on an archive of a realistic shape,
 * three months of events (one every 15 s over 4,000 entities of four kinds): for a week's period
 * the planner takes the time or entity index, not the table. Checked on the plan PostgreSQL
 * chooses itself (EXPLAIN), nothing forced.
 */
let db: TestSchema;
const START = Date.parse('2026-08-01T00:00:00+08:00');
const DAY = 86_400_000;

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
async function explain(sql: string, params: unknown[]) {
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

beforeAll(async () => {
  db = await testSchema(isolate('review-explain'));
  await migrate(db.pool, quietLog);
  await db.pool.query(
    `INSERT INTO events (stream_ms, stream_seq, at, kind, op, entity_id, body)
     SELECT $1::bigint + i::bigint * 15000, 0, to_timestamp(($1::bigint + i::bigint * 15000) / 1000.0),
            (ARRAY['incident','resource','alarm','order'])[1 + i % 4], 'upsert',
            'agency:e' || (i % 4000), '{}'::jsonb
     FROM generate_series(0, 92 * 5760 - 1) AS i`,
    [START],
  );
  await db.pool.query('ANALYZE events');
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

const iso = (ms: number) => new Date(ms).toISOString();
const WEEK = [iso(START + 40 * DAY), iso(START + 47 * DAY)];

describe("the period review's archive queries", () => {
  it('finds the incidents touched in a week through an index', async () => {
    const plan = await explain(REVIEW_SQL.touchedIncidents, WEEK);
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes.some((i) => i === 'events_at' || i === 'events_entity')).toBe(true);
  });

  it("finds the incidents' versions through the entity index", async () => {
    const plan = await explain(REVIEW_SQL.incidentVersions, [['agency:e4', 'agency:e8']]);
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('events_entity');
  });

  it("finds a week's orders through an index", async () => {
    const plan = await explain(REVIEW_SQL.kindInRange, ['order', ...WEEK]);
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes.some((i) => i === 'events_at' || i === 'events_entity')).toBe(true);
  });

  it("finds the dispatched units' versions through the entity index", async () => {
    const plan = await explain(REVIEW_SQL.unitVersions, [['agency:e1', 'agency:e5'], ...WEEK]);
    expect(plan.types).not.toContain('Seq Scan');
    expect(plan.indexes).toContain('events_entity');
  });
});
