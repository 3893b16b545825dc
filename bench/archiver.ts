import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createClient } from 'redis';
import { ARCHIVE_GROUP, type TelemetryEntry } from '@cc/shared';
import { createKeys, createLogger, type Redis } from '@cc/shared/node';
import { startArchiver } from '../archiver/src/archiver';

/**
 * The archiver's throughput on this machine's Redis and PostgreSQL: the streams are filled first
 * (as after an outage, the archiver catching up), then the archiver empties them, timed from its
 * start until its group has nothing left to deliver or acknowledge.
 *   1. events: N incident events (about 600 B each, as ingest writes them);
 *   2. telemetry: S sensors at 1 Hz for T seconds, in entries of 300 readings (ingest's writes),
 *      every 60th reading past a threshold: the rows it keeps are each sensor's first of every
 *      10 s plus the alarm-relevant ones.
 *   tsx bench/archiver.ts [events=50000] [sensors=2000] [seconds=300]
 * DATABASE_URL (default the tests' database) and REDIS_URL name the servers; the bench works in a
 * schema and a key prefix of its own and removes both.
 */
const EVENTS = Number(process.argv[2] ?? 50_000);
const SENSORS = Number(process.argv[3] ?? 2_000);
const SECONDS = Number(process.argv[4] ?? 300);
const PER_ENTRY = 300;
const tag = `bench_archiver_${Math.random().toString(16).slice(2, 10)}`;
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keys = createKeys(`${tag}:`);
const log = createLogger('bench-archiver', 'warn');

const url = new URL(baseUrl);
url.searchParams.set('options', `-c search_path=${tag}`);
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${tag}`);
const redis = createClient({ url: redisUrl }) as Redis;
await redis.connect();

async function fill(key: string, fields: { b?: string; e?: string }[]) {
  for (let i = 0; i < fields.length; i += 1_000) {
    const multi = redis.multi();
    for (const f of fields.slice(i, i + 1_000)) multi.xAdd(key, '*', f as Record<string, string>);
    await multi.exec();
  }
}

/** Runs the archiver until its group has drained `key`; seconds taken. */
async function drain(key: string): Promise<number> {
  const began = performance.now();
  const archiver = await startArchiver({
    redisUrl,
    redisPrefix: keys.prefix,
    databaseUrl: url.toString(),
    consumer: 'bench',
    sampleMs: 10_000,
    snapshotMs: 3_600_000,
    log,
  });
  for (;;) {
    const groups = (await redis.xInfoGroups(key).catch(() => [])) as unknown as {
      name: string;
      lag: number | null;
      pending: number;
    }[];
    const g = groups.find((x) => x.name === ARCHIVE_GROUP);
    if (g && g.lag === 0 && g.pending === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - began) / 1000;
  await archiver.close();
  return seconds;
}

const count = async (table: string) =>
  Number(
    (await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${tag}.${table}`)).rows[0]?.n,
  );

try {
  const loadBefore = loadavg()[0]!;
  // 1. Events.
  const t0 = Date.now() - 3_600_000;
  const events = Array.from({ length: EVENTS }, (_, i) => ({
    e: JSON.stringify({
      kind: 'incident',
      op: 'upsert',
      data: {
        id: `fire119:bench-${i % 5_000}`,
        agency: 'fire119',
        ts: t0 + i,
        type: 'fire',
        category: 'accident_disaster',
        level: 'III',
        status: 'responding',
        title: `基准测试事件 ${i}`,
        location: [119.95 + (i % 100) / 1000, 31.78],
        casualties: { dead: 0, injured: i % 4, missing: 0, trapped: 0 },
        units: [`fire119:u${i % 40}`],
        notes: '现场浓烟较大，已疏散周边群众，消防车三辆到场处置',
      },
    }),
  }));
  await fill(keys.events, events);
  const eventSeconds = await drain(keys.events);
  const eventRows = await count('events');

  // 2. Telemetry.
  const readings: TelemetryEntry[] = [];
  for (let s = 0; s < SECONDS; s++) {
    for (let k = 0; k < SENSORS; k++) {
      const alarm = (s * SENSORS + k) % 60 === 0;
      readings.push({
        reading: {
          id: `ent:s${k}`,
          ts: t0 + s * 1000 + (k % 1000),
          value: alarm ? 97 : 50,
          level: alarm ? 'HH' : 'normal',
          ...(alarm ? { alarmId: `ent:a${k}` } : {}),
        },
      });
    }
  }
  const entries = [];
  for (let i = 0; i < readings.length; i += PER_ENTRY) {
    entries.push({ b: JSON.stringify(readings.slice(i, i + PER_ENTRY)) });
  }
  await fill(keys.telemetry, entries);
  const telemetrySeconds = await drain(keys.telemetry);
  const telemetryRows = await count('telemetry');
  const loadAfter = loadavg()[0]!;

  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    JSON.stringify(
      {
        events: EVENTS,
        eventSeconds: Number(eventSeconds.toFixed(2)),
        eventsPerSecond: Math.round(EVENTS / eventSeconds),
        eventRows,
        readings: readings.length,
        telemetryEntries: entries.length,
        telemetrySeconds: Number(telemetrySeconds.toFixed(2)),
        readingsPerSecond: Math.round(readings.length / telemetrySeconds),
        telemetryRows,
        telemetryRowsPerSecond: Math.round(telemetryRows / telemetrySeconds),
        load: [loadBefore, loadAfter],
      },
      null,
      2,
    ),
  );
  console.log(
    `events: ${f(EVENTS)} in ${eventSeconds.toFixed(1)} s = ${f(EVENTS / eventSeconds)}/s; ` +
      `telemetry: ${f(readings.length)} readings (${f(entries.length)} entries) in ` +
      `${telemetrySeconds.toFixed(1)} s = ${f(readings.length / telemetrySeconds)} readings/s, ` +
      `${f(telemetryRows)} rows kept = ${f(telemetryRows / telemetrySeconds)} rows/s ` +
      `(load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)})`,
  );
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${tag} CASCADE`);
  await admin.end();
  for await (const batch of redis.scanIterator({ MATCH: `${tag}:*`, COUNT: 500 })) {
    if (batch.length > 0) await redis.del(batch);
  }
  await redis.close();
}
