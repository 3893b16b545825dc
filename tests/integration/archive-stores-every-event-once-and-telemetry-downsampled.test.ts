import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_GROUP, type TelemetryEntry } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { startArchiver, type Archiver } from '../../archiver/src/archiver';
import { isolate } from '../helpers/isolation';
import { testSchema, type TestSchema } from '../helpers/postgres';
import { quietLog } from '../helpers/product';
import { connectRedis, dropPrefix, REDIS_URL } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const iso = isolate('archive');
const keys = createKeys(iso.prefix);
const SAMPLE_MS = 10_000;
let redis: Redis;
let db: TestSchema;
let archiver: Archiver | undefined;

const start = (snapshotMs = 3_600_000) =>
  startArchiver({
    redisUrl: REDIS_URL,
    redisPrefix: iso.prefix,
    databaseUrl: db.url,
    consumer: 'archiver-test',
    sampleMs: SAMPLE_MS,
    snapshotMs,
    log: quietLog,
    blockMs: 200,
  });

async function count(sql: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>(sql);
  return Number(rows[0]?.n);
}

/** The group's view of a stream: entries not yet delivered, and delivered but not acknowledged. */
async function group(key: string) {
  const groups = (await redis.xInfoGroups(key)) as unknown as {
    name: string;
    lag: number | null;
    pending: number;
  }[];
  return groups.find((g) => g.name === ARCHIVE_GROUP);
}

beforeAll(async () => {
  redis = await connectRedis();
  db = await testSchema(iso);
});
afterAll(async () => {
  await archiver?.close();
  await dropPrefix(redis, iso.prefix);
  await redis.close();
  await db.drop();
});

describe('the archiver', () => {
  const eventIds: string[] = [];

  it('stores every event of the stream once, keyed by its id, and acknowledges it after', async () => {
    for (let i = 0; i < 300; i++) {
      const event =
        i % 50 === 49
          ? { kind: 'incident', op: 'remove', entityId: `a:i${i - 1}` }
          : {
              kind: 'incident',
              op: 'upsert',
              data: { id: `a:i${i}`, ts: 1_700_000_000_000 + i, title: `事件 ${i}` },
            };
      eventIds.push(await redis.xAdd(keys.events, '*', { e: JSON.stringify(event) }));
    }
    // An entry that is not JSON is archived too, marked unreadable: nothing the stream held is missing.
    eventIds.push(await redis.xAdd(keys.events, '*', { e: '{"kind":"incident", cut off' }));
    archiver = await start();
    await waitFor(
      async () => (await count('SELECT count(*) AS n FROM events')) === eventIds.length,
      'every event archived',
      20_000,
    );
    const { rows } = await db.pool.query<{ id: string; kind: string | null; entity_id: string }>(
      `SELECT stream_ms || '-' || stream_seq AS id, kind, entity_id FROM events
       ORDER BY stream_ms, stream_seq`,
    );
    expect(rows.map((r) => r.id)).toEqual(eventIds);
    expect(rows[0]).toMatchObject({ kind: 'incident', entity_id: 'a:i0' });
    expect(rows[49]).toMatchObject({ kind: 'incident', entity_id: 'a:i48' });
    expect(rows.at(-1)?.kind).toBeNull();
    const unreadable = await db.pool.query<{ body: unknown }>(
      `SELECT body FROM events WHERE kind IS NULL`,
    );
    expect(unreadable.rows).toEqual([{ body: { unreadable: '{"kind":"incident", cut off' } }]);
    const observed = await db.pool.query<{ observed_at: Date }>(
      `SELECT observed_at FROM events WHERE entity_id = 'a:i7' AND op = 'upsert'`,
    );
    expect(observed.rows[0]?.observed_at.getTime()).toBe(1_700_000_000_007);
    await waitFor(
      async () => (await group(keys.events))?.pending === 0,
      'every archived entry acknowledged',
    );
  });

  it('stores nothing twice when the stream delivers everything again', async () => {
    await archiver?.close();
    // As after a crash between the commit and the acknowledgement, for every entry at once.
    await redis.xGroupSetId(keys.events, ARCHIVE_GROUP, '0');
    archiver = await start();
    await waitFor(async () => {
      const g = await group(keys.events);
      return g?.lag === 0 && g.pending === 0;
    }, 'everything delivered again and acknowledged');
    expect(await count('SELECT count(*) AS n FROM events')).toBe(eventIds.length);
    expect(await count('SELECT count(DISTINCT (stream_ms, stream_seq)) AS n FROM events')).toBe(
      eventIds.length,
    );
  });

  it('keeps one reading and position per sensor and vehicle per 10 s, and every alarm-relevant reading', async () => {
    // Aligned on a sample period, 60 s of a sensor at 1 Hz and a vehicle at 0.5 Hz, in entries
    // of a few seconds' writes as ingest makes them.
    const t0 = Math.ceil(Date.now() / SAMPLE_MS) * SAMPLE_MS - 600_000;
    const entries: TelemetryEntry[] = [];
    for (let s = 0; s < 60; s++) {
      const alarmed = s >= 20 && s <= 22;
      entries.push({
        reading: {
          id: 'ent:s1',
          ts: t0 + s * 1000,
          value: alarmed ? 97 : 50,
          level: alarmed ? 'HH' : 'normal',
          ...(alarmed ? { alarmId: 'ent:alarm-1' } : {}),
        },
      });
      if (s % 2 === 0) {
        entries.push({
          position: { id: 'fire:u1', ts: t0 + s * 1000, location: [119.9 + s / 1000, 31.7] },
        });
      }
    }
    const write = async () => {
      for (let i = 0; i < entries.length; i += 7) {
        await redis.xAdd(keys.telemetry, '*', { b: JSON.stringify(entries.slice(i, i + 7)) });
      }
    };
    await write();
    const rowsOf = async () =>
      (
        await db.pool.query<{ kind: string; s: number; sampled: boolean; alarm: boolean }>(
          `SELECT kind, (extract(epoch FROM at) * 1000 - $1) / 1000 AS s, sampled, alarm
           FROM telemetry ORDER BY kind, at`,
          [t0],
        )
      ).rows.map((r) => ({ ...r, s: Number(r.s) }));
    const want = [
      ...[0, 10, 20, 30, 40, 50].map((s) => ({ kind: 'position', s, sampled: true, alarm: false })),
      { kind: 'reading', s: 0, sampled: true, alarm: false },
      { kind: 'reading', s: 10, sampled: true, alarm: false },
      { kind: 'reading', s: 20, sampled: false, alarm: true },
      { kind: 'reading', s: 21, sampled: false, alarm: true },
      { kind: 'reading', s: 22, sampled: false, alarm: true },
      // Back to normal: the level changed, so it is kept too.
      { kind: 'reading', s: 23, sampled: false, alarm: true },
      { kind: 'reading', s: 24, sampled: true, alarm: false },
      ...[30, 40, 50].map((s) => ({ kind: 'reading', s, sampled: true, alarm: false })),
    ];
    await waitFor(
      async () => (await rowsOf()).length === want.length,
      'telemetry archived',
      20_000,
    );
    expect(await rowsOf()).toEqual(want);
    const hh = await db.pool.query(
      `SELECT value, level, alarm_id FROM telemetry WHERE kind = 'reading' AND alarm AND level = 'HH'`,
    );
    expect(hh.rows).toHaveLength(3);
    expect(hh.rows[0]).toEqual({ value: 97, level: 'HH', alarm_id: 'ent:alarm-1' });

    // Delivered again, to an archiver that remembers nothing (a restart): the same rows.
    await archiver?.close();
    await redis.xGroupSetId(keys.telemetry, ARCHIVE_GROUP, '0');
    archiver = await start();
    await waitFor(async () => {
      const g = await group(keys.telemetry);
      return g?.lag === 0 && g.pending === 0;
    }, 'telemetry delivered again and acknowledged');
    expect(await rowsOf()).toEqual(want);
  });

  it('archives a checkpoint of the picture, tagged with the last event, every interval', async () => {
    await archiver?.close();
    const before = await count('SELECT count(*) AS n FROM snapshots');
    archiver = await start(1_000);
    await waitFor(
      async () => (await count('SELECT count(*) AS n FROM snapshots')) >= before + 2,
      'two checkpoints a second apart',
      20_000,
    );
    const { rows } = await db.pool.query<{ id: string; body: { eventId: string } }>(
      `SELECT event_ms || '-' || event_seq AS id, body FROM snapshots ORDER BY taken_at DESC LIMIT 1`,
    );
    expect(rows[0]?.id).toBe(eventIds.at(-1));
    expect(rows[0]?.body).toMatchObject({ eventId: eventIds.at(-1), incidents: [] });
    expect(archiver.report()).toMatchObject({ database: true, consumer: 'archiver-test' });
  });
});
