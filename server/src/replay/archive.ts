import pg from 'pg';
import { Position, Reading, type Snapshot, type StampedEvent } from '@cc/shared';
import { readableEvents, type Logger } from '@cc/shared/node';

/**
 * Reads of the archive (archiver/migrations) for replay. Every query follows an index: the
 * checkpoint by `snapshots`' key (taken_at), events by their key (stream id), telemetry by
 * `telemetry_at`.
 */

type Queryable = Pick<pg.Pool, 'query'>;

/** The pool to the archive's database for the server's reads, replay and reports (lazy: nothing connects until used). */
export function createArchivePool(url: string, log: Logger, max = 4): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    application_name: 'cc-server-archive',
  });
  pool.on('error', (err) => log.warn({ err: err.message }, 'archive connection lost'));
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err: err.message }, 'archive connection lost'));
  });
  return pool;
}

export interface Checkpoint {
  /** When the archiver took it (epoch ms). */
  takenAt: number;
  snapshot: Snapshot;
}

/** The newest checkpoint taken at or before `at`, reflecting only events up to `at`. */
export async function checkpointAt(db: Queryable, at: number): Promise<Checkpoint | undefined> {
  const result = await db.query<{ taken_at: Date; body: Snapshot }>(
    `SELECT taken_at, body FROM snapshots
     WHERE taken_at <= $1 AND event_ms <= $2
     ORDER BY taken_at DESC LIMIT 1`,
    [new Date(at).toISOString(), at],
  );
  const row = result.rows[0];
  return row && { takenAt: row.taken_at.getTime(), snapshot: row.body };
}

const idParts = (id: string): [string, string] => {
  const [ms = '0', seq = '0'] = id.split('-');
  return [ms, seq];
};

/**
 * Archived events after stream id `after` stored at or before `to` (epoch ms), in stream order,
 * at most `limit`. Entries that do not parse as events are left out, as the live tail leaves
 * them out (`onUnreadable`). `last` is the id of the last row read (parsed or not).
 */
export async function eventsAfter(
  db: Queryable,
  after: string,
  to: number,
  limit: number,
  onUnreadable: (id: string, err: unknown) => void = () => {},
): Promise<{ events: StampedEvent[]; last: string | undefined; full: boolean }> {
  const [ms, seq] = idParts(after);
  const result = await db.query<{ stream_ms: string; stream_seq: string; body: string }>(
    `SELECT stream_ms, stream_seq, body::text AS body FROM events
     WHERE (stream_ms, stream_seq) > ($1::bigint, $2::bigint) AND stream_ms <= $3
     ORDER BY stream_ms, stream_seq LIMIT $4`,
    [ms, seq, to, limit],
  );
  const entries = result.rows.map((r) => ({
    id: `${r.stream_ms}-${r.stream_seq}`,
    message: { e: r.body },
  }));
  return {
    events: readableEvents(entries, onUnreadable),
    last: entries.at(-1)?.id,
    full: entries.length === limit,
  };
}

interface TelemetryRowOut {
  kind: 'reading' | 'position';
  entity_id: string;
  at: Date;
  value: number | null;
  level: string | null;
  alarm_id: string | null;
  lng: number | null;
  lat: number | null;
  heading: number | null;
  speed: number | null;
}

function telemetryItems(rows: readonly TelemetryRowOut[]) {
  const readings: Reading[] = [];
  const positions: Position[] = [];
  for (const r of rows) {
    const ts = r.at.getTime();
    if (r.kind === 'reading') {
      const parsed = Reading.safeParse({
        id: r.entity_id,
        ts,
        value: r.value,
        level: r.level,
        ...(r.alarm_id === null ? {} : { alarmId: r.alarm_id }),
      });
      if (parsed.success) readings.push(parsed.data);
    } else {
      const parsed = Position.safeParse({
        id: r.entity_id,
        ts,
        location: [r.lng, r.lat],
        ...(r.heading === null ? {} : { heading: r.heading }),
        ...(r.speed === null ? {} : { speed: r.speed }),
      });
      if (parsed.success) positions.push(parsed.data);
    }
  }
  return { readings, positions };
}

/**
 * Per sensor and vehicle, its last archived reading or position observed in (from, to]. A walk of
 * the telemetry key (kind, entity_id, at) rather than a sort of the span's rows: the distinct
 * entities one index step each (a loose index scan), then each one's newest row in the span one
 * index step each — thousands of steps, where ten minutes of a busy picture are ~100,000 rows.
 */
export async function latestTelemetry(db: Queryable, from: number, to: number) {
  const result = await db.query<TelemetryRowOut>(
    `WITH RECURSIVE entities AS (
       (SELECT kind, entity_id FROM telemetry ORDER BY kind, entity_id LIMIT 1)
       UNION ALL
       SELECT next.kind, next.entity_id FROM entities e
       CROSS JOIN LATERAL (
         SELECT kind, entity_id FROM telemetry
         WHERE (kind, entity_id) > (e.kind, e.entity_id)
         ORDER BY kind, entity_id LIMIT 1
       ) next
     )
     SELECT t.* FROM entities e
     CROSS JOIN LATERAL (
       SELECT kind, entity_id, at, value, level, alarm_id, lng, lat, heading, speed
       FROM telemetry
       WHERE kind = e.kind AND entity_id = e.entity_id AND at > $1 AND at <= $2
       ORDER BY at DESC LIMIT 1
     ) t`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return telemetryItems(result.rows);
}

/** Archived readings and positions observed in (from, to], in time order, at most `limit`. */
export async function telemetryBetween(db: Queryable, from: number, to: number, limit: number) {
  const result = await db.query<TelemetryRowOut>(
    `SELECT kind, entity_id, at, value, level, alarm_id, lng, lat, heading, speed
     FROM telemetry WHERE at > $1 AND at <= $2
     ORDER BY at LIMIT $3`,
    [new Date(from).toISOString(), new Date(to).toISOString(), limit],
  );
  return {
    ...telemetryItems(result.rows),
    full: result.rows.length === limit,
    lastAt: result.rows.at(-1)?.at.getTime(),
  };
}

/** The span the archive covers: its first and last event's time (epoch ms), null when empty. */
export async function archiveSpan(db: Queryable) {
  const result = await db.query<{ first: string | null; last: string | null }>(
    `SELECT (SELECT stream_ms FROM events ORDER BY stream_ms, stream_seq LIMIT 1) AS first,
            (SELECT stream_ms FROM events ORDER BY stream_ms DESC, stream_seq DESC LIMIT 1) AS last`,
  );
  const row = result.rows[0];
  return {
    first: row?.first == null ? null : Number(row.first),
    last: row?.last == null ? null : Number(row.last),
  };
}
