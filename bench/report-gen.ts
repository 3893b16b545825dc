/**
 * Report generation time (issue 21 §3): builds the after-action report of the scripted incident
 * (tests/helpers/report-scenario.ts) from a PostgreSQL archive that also holds a day of other
 * events (86,400, over 2,000 entities), then prints it to PDF with headless Chromium.
 *
 *   nice -n 10 npm run bench:report   (BENCH_DATABASE_URL, default the test database)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createKeys, createLogger } from '@cc/shared/node';
import { buildIncidentReport } from '../server/src/report/build';
import { renderReportPage } from '../server/src/report/html';
import { createPdfPrinter } from '../server/src/report/pdf';
import { isolate } from '../tests/helpers/isolation';
import { connectRedis, dropPrefix } from '../tests/helpers/redis';
import { archiveScenario, INCIDENT_ID, T0 } from '../tests/helpers/report-scenario';

const JSON_RUNS = 20;
const PDF_RUNS = 5;
const log = createLogger('bench', 'warn');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const iso = isolate('bench-report');
const redis = await connectRedis();
const db = await archiveScenario(iso, redis);
const printer = createPdfPrinter(log);
try {
  // A day of other events around the incident: the queries must find its rows by index.
  await db.pool.query(
    `INSERT INTO events (stream_ms, stream_seq, at, kind, op, entity_id, body)
     SELECT $1::bigint + i * 1000, 1000 + i, to_timestamp(($1::bigint + i * 1000) / 1000.0),
            (ARRAY['incident','resource','alarm','order'])[1 + i % 4], 'upsert',
            'bench:e' || (i % 2000), '{"kind":"x","op":"upsert","data":{"id":"bench"}}'::jsonb
     FROM generate_series(0, 86399) AS i`,
    [T0 - 43_200_000],
  );
  await db.pool.query('ANALYZE events');
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const keys = createKeys(iso.prefix);
  const jsonMs: number[] = [];
  let report = await buildIncidentReport({ pool, redis, keys }, INCIDENT_ID);
  for (let i = 0; i < JSON_RUNS; i++) {
    const t = performance.now();
    report = await buildIncidentReport({ pool, redis, keys }, INCIDENT_ID);
    jsonMs.push(performance.now() - t);
  }
  const html = renderReportPage(report, 'zh-CN');
  const coldStart = performance.now();
  await printer.print(html);
  const coldMs = performance.now() - coldStart;
  const pdfMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < PDF_RUNS; i++) {
    const t = performance.now();
    const pdf = await printer.print(
      renderReportPage(await buildIncidentReport({ pool, redis, keys }, INCIDENT_ID), 'zh-CN'),
    );
    bytes = pdf.length;
    pdfMs.push(performance.now() - t);
  }
  await pool.end();
  console.log(
    JSON.stringify(
      {
        archiveEvents: 86_400 + report.timeline.length,
        jsonMedianMs: Number(median(jsonMs).toFixed(1)),
        jsonMaxMs: Number(Math.max(...jsonMs).toFixed(1)),
        pdfColdMs: Math.round(coldMs),
        pdfMedianMs: Math.round(median(pdfMs)),
        pdfBytes: bytes,
        loadavg1: Number(loadavg()[0]!.toFixed(2)),
      },
      null,
      2,
    ),
  );
} finally {
  await printer.close();
  await db.drop();
  await dropPrefix(redis, iso.prefix);
  await redis.close();
}
