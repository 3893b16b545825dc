import { createClient } from 'redis';
import {
  ARCHIVE_GROUP,
  ARCHIVER_REPORT_MS,
  ARCHIVER_REPORT_TTL_MS,
  type ArchiverReport,
  type TelemetryEntry,
} from '@cc/shared';
import { createKeys, telemetryOf, type Logger, type Redis } from '@cc/shared/node';
// The picture as the servers read it (one MULTI: state and the last event id agree).
import { readSnapshot } from '../../server/src/live/snapshot';
import { createPool, migrate } from './db';
import { createSampler, eventRow, type EventRow } from './rows';
import { insertEvents, insertSnapshot, insertTelemetry, lastSnapshotAt } from './write';

export interface ArchiverOptions {
  redisUrl: string;
  redisPrefix: string;
  databaseUrl: string;
  /** Its name in the consumer group: stable, so after a crash it finds its own pending entries. */
  consumer: string;
  /** Telemetry sample period. */
  sampleMs: number;
  /** A checkpoint of the picture this often. */
  snapshotMs: number;
  log: Logger;
  /** Events read (and committed) together, at most. */
  batchEvents?: number;
  /** Telemetry stream entries (each a write's few hundred readings) read together, at most. */
  batchTelemetry?: number;
  blockMs?: number;
}

type Entry = { id: string; message: Record<string, string> };
type ReadReply = { name: string; messages: (Entry | { id: string; message: null } | null)[] }[];

/** A failure of PostgreSQL (unreachable, or a statement refused), as opposed to Redis's. */
class DatabaseFailure extends Error {
  override readonly name = 'DatabaseFailure';
}

/** Runs a PostgreSQL step, telling its failures apart from Redis's. */
async function inDatabase<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw new DatabaseFailure((err as Error).message, { cause: err });
  }
}

/**
 * The archiver: reads the `events` and `telemetry` streams through the `archiver` consumer group,
 * writes every event (and telemetry downsampled) to PostgreSQL in one transaction per batch,
 * and acknowledges the entries only once it committed. A crash between the commit and the
 * acknowledgement delivers them again; the tables' keys make that a no-op. A checkpoint of the
 * picture goes in every `snapshotMs`. PostgreSQL or Redis away: it retries with back-off, the
 * entries waiting in the stream; the live picture never waits for it.
 */
export async function startArchiver(options: ArchiverOptions) {
  const { log, consumer } = options;
  const keys = createKeys(options.redisPrefix);
  const batchEvents = options.batchEvents ?? 1_000;
  const batchTelemetry = options.batchTelemetry ?? 20;
  const blockMs = options.blockMs ?? 1_000;

  const redis: Redis = createClient({ url: options.redisUrl });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();
  const blocking: Redis = redis.duplicate();
  blocking.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await blocking.connect();
  const pool = createPool(options.databaseUrl, log);
  const sampler = createSampler(options.sampleMs);

  const report: ArchiverReport = {
    consumer,
    at: Date.now(),
    startedAt: Date.now(),
    database: false,
    events: 0,
    telemetryRows: 0,
    snapshots: 0,
  };
  const counts = { unreadableEvents: 0, unreadableTelemetry: 0, batches: 0 };

  async function ensureGroups() {
    for (const key of [keys.events, keys.telemetry]) {
      try {
        // From the stream's start: a first archiver archives everything the stream still holds.
        await redis.xGroupCreate(key, ARCHIVE_GROUP, '0', { MKSTREAM: true });
      } catch (err) {
        if (!(err instanceof Error) || !err.message.includes('BUSYGROUP')) throw err;
      }
    }
  }

  const writeReport = async () => {
    report.at = Date.now();
    await redis.set(keys.archiverAlive, JSON.stringify(report), { PX: ARCHIVER_REPORT_TTL_MS });
  };
  const reporter = setInterval(
    () => void writeReport().catch(() => {}), // Redis away: the record expires, which says so.
    ARCHIVER_REPORT_MS,
  );
  void writeReport().catch(() => {});

  /** The entries of one stream in a reply; trimmed ones (null) are only acknowledged. */
  function split(reply: ReadReply | null, key: string) {
    const entries: Entry[] = [];
    const ids: string[] = [];
    for (const stream of reply ?? []) {
      if (stream.name !== key) continue;
      for (const m of stream.messages) {
        if (m === null) continue;
        ids.push(m.id);
        if (m.message !== null) entries.push(m as Entry);
      }
    }
    return { entries, ids };
  }

  async function read(ownPending: boolean) {
    const id = ownPending ? '0' : '>';
    const [events, telemetry] = (await Promise.all([
      redis.xReadGroup(ARCHIVE_GROUP, consumer, { key: keys.events, id }, { COUNT: batchEvents }),
      redis.xReadGroup(
        ARCHIVE_GROUP,
        consumer,
        { key: keys.telemetry, id },
        { COUNT: batchTelemetry },
      ),
    ])) as [ReadReply | null, ReadReply | null];
    let e = split(events, keys.events);
    let t = split(telemetry, keys.telemetry);
    if (!ownPending && e.ids.length === 0 && t.ids.length === 0) {
      // Nothing new: wait for either stream.
      const reply = (await blocking.xReadGroup(
        ARCHIVE_GROUP,
        consumer,
        [
          { key: keys.events, id: '>' },
          { key: keys.telemetry, id: '>' },
        ],
        { COUNT: batchTelemetry, BLOCK: blockMs },
      )) as ReadReply | null;
      e = split(reply, keys.events);
      t = split(reply, keys.telemetry);
    }
    return { e, t };
  }

  /** Archives one batch; false when there was nothing to read. */
  async function archiveBatch(ownPending: boolean): Promise<boolean> {
    const { e, t } = await read(ownPending);
    if (e.ids.length === 0 && t.ids.length === 0) return false;
    const eventRows: EventRow[] = [];
    for (const entry of e.entries) {
      const { row, unreadable } = eventRow(entry);
      if (unreadable) {
        counts.unreadableEvents++;
        log.error({ id: entry.id }, 'event entry is not JSON; archived as unreadable');
      }
      eventRows.push(row);
    }
    const telemetry: TelemetryEntry[] = [];
    for (const entry of t.entries) {
      try {
        telemetry.push(...telemetryOf(entry.message));
      } catch (err) {
        counts.unreadableTelemetry++;
        log.error({ id: entry.id, err: (err as Error).message }, 'telemetry entry unreadable');
      }
    }
    const decided = sampler.decide(telemetry);
    const telemetryRows = await inDatabase(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await insertEvents(client, eventRows);
        const rows = await insertTelemetry(client, decided.rows);
        await client.query('COMMIT');
        client.release();
        return rows;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        // A broken connection is not given back to the pool.
        client.release(err as Error);
        throw err;
      }
    });
    decided.commit();
    report.database = true;
    delete report.reason;
    report.lastCommitAt = Date.now();
    report.events += eventRows.length;
    report.telemetryRows += telemetryRows;
    counts.batches++;
    // Only now: what is acknowledged is in PostgreSQL.
    const ack = redis.multi();
    if (e.ids.length > 0) ack.xAck(keys.events, ARCHIVE_GROUP, e.ids);
    if (t.ids.length > 0) ack.xAck(keys.telemetry, ARCHIVE_GROUP, t.ids);
    await ack.exec();
    return true;
  }

  let lastSnapshot: number | undefined;
  async function snapshotIfDue() {
    if (lastSnapshot !== undefined && Date.now() - lastSnapshot < options.snapshotMs) return;
    const snapshot = await readSnapshot(redis, keys, (key, id, err) =>
      log.warn(
        { key, id, err: (err as Error).message },
        'stored entry unreadable; not in snapshot',
      ),
    );
    await inDatabase(() => insertSnapshot(pool, snapshot));
    lastSnapshot = snapshot.at;
    report.snapshots++;
    log.info({ eventId: snapshot.eventId }, 'picture checkpoint archived');
  }

  let closed = false;
  async function loop() {
    let failures = 0;
    let prepared = false;
    let ownPending = true;
    while (!closed) {
      try {
        if (!prepared) {
          await ensureGroups();
          await inDatabase(() => migrate(pool, log));
          lastSnapshot = await inDatabase(() => lastSnapshotAt(pool));
          report.database = true;
          prepared = true;
          log.info({ consumer }, 'archiver reading the events stream');
        }
        await snapshotIfDue();
        const got = await archiveBatch(ownPending);
        // Our own unacknowledged entries first (a crash or a failed write), then new ones.
        if (ownPending && !got) ownPending = false;
        failures = 0;
      } catch (err) {
        if (closed) return;
        failures++;
        ownPending = true;
        const message = (err as Error).message;
        if (err instanceof DatabaseFailure) {
          report.database = false;
          report.reason = message;
        }
        if (message.includes('NOGROUP')) prepared = false;
        const wait = Math.min(5_000, 100 * 2 ** failures);
        log.warn(
          { err: message, wait, postgres: err instanceof DatabaseFailure },
          'archiver failed; retrying',
        );
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  const running = loop();

  let closing: Promise<void> | undefined;
  return {
    /** What it has done and whether PostgreSQL takes its writes. */
    report: (): ArchiverReport => ({ ...report }),
    counts: () => ({ ...counts }),
    /** Stops reading; the batch being written finishes first. Idempotent. */
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        clearInterval(reporter);
        blocking.destroy();
        await running;
        await redis.del(keys.archiverAlive).catch(() => {});
        await redis.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
export type Archiver = Awaited<ReturnType<typeof startArchiver>>;
