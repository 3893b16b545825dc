import type pg from 'pg';
import type { Snapshot } from '@cc/shared';
import { jsonbText, type EventRow, type TelemetryRow } from './rows';

type Queryable = Pick<pg.PoolClient, 'query'>;

const toIso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Stores events, one statement for the lot (arrays unnested): an event already stored (a second
 * delivery) is left as it is. Returns how many rows were new.
 */
export async function insertEvents(db: Queryable, rows: readonly EventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO events (stream_ms, stream_seq, at, kind, op, entity_id, observed_at, body)
     SELECT ms, seq, to_timestamp(ms / 1000.0), kind, op, entity_id, observed_at, body::jsonb
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[],
                 $6::timestamptz[], $7::text[])
       AS t(ms, seq, kind, op, entity_id, observed_at, body)
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.ms),
      rows.map((r) => r.seq),
      rows.map((r) => r.kind),
      rows.map((r) => r.op),
      rows.map((r) => r.entityId),
      rows.map((r) => toIso(r.observedAt)),
      rows.map((r) => r.body),
    ],
  );
  return result.rowCount ?? 0;
}

/**
 * Stores telemetry rows: one already stored, or a sample for a period already sampled, is left
 * out. Returns how many rows were new.
 */
export async function insertTelemetry(
  db: Queryable,
  rows: readonly TelemetryRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO telemetry (kind, entity_id, at, bucket, sampled, alarm, value, level, alarm_id,
                            lng, lat, heading, speed)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::boolean[],
                          $6::boolean[], $7::float8[], $8::text[], $9::text[], $10::float8[],
                          $11::float8[], $12::float8[], $13::float8[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.kind),
      rows.map((r) => r.entityId),
      rows.map((r) => toIso(r.at)),
      rows.map((r) => r.bucket),
      rows.map((r) => r.sampled),
      rows.map((r) => r.alarm),
      rows.map((r) => r.value),
      rows.map((r) => r.level),
      rows.map((r) => r.alarmId),
      rows.map((r) => r.lng),
      rows.map((r) => r.lat),
      rows.map((r) => r.heading),
      rows.map((r) => r.speed),
    ],
  );
  return result.rowCount ?? 0;
}

/** Stores a checkpoint of the whole picture, taken at `snapshot.at`. */
export async function insertSnapshot(db: Queryable, snapshot: Snapshot): Promise<void> {
  const [ms = '0', seq = '0'] = snapshot.eventId.split('-');
  await db.query(
    `INSERT INTO snapshots (taken_at, event_ms, event_seq, body) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT DO NOTHING`,
    [new Date(snapshot.at).toISOString(), ms, seq, jsonbText(snapshot)],
  );
}

/** When the newest checkpoint was taken (epoch ms), or undefined when there is none. */
export async function lastSnapshotAt(db: Queryable): Promise<number | undefined> {
  const result = await db.query<{ at: Date | null }>('SELECT max(taken_at) AS at FROM snapshots');
  return result.rows[0]?.at?.getTime();
}
