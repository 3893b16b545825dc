/**
 * The hidden-hazard ledger (一表清) over HTTP: 10,000 items written to Redis as ingest stores
 * them, a real server started on them, and the ledger asked with the /risk screen's filters
 * (each request signed in as supervision staff, answered by the server's in-memory view).
 *
 *   npm run bench:ledger     prints p50 / p95 / p99 per filter and over all, in ms
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { pino } from 'pino';
import { createClient } from 'redis';
import {
  HH_STAGES,
  HiddenHazardSector,
  LedgerQuery,
  byNewestChange,
  ledgerPage,
  type HiddenHazard,
  type HiddenHazardStage,
} from '@cc/shared';
import { createKeys, loadConfig, type Redis } from '@cc/shared/node';
import { startServer } from '../server/src/server';

const ITEMS = Number(process.env.LEDGER_ITEMS ?? 10_000);
const ROUNDS = Number(process.env.LEDGER_ROUNDS ?? 40);
const DISTRICTS = ['320402', '320404', '320411', '320412', '320413', '320481'];
const SECTORS = HiddenHazardSector.options;
const prefix = `bench-ledger-${process.pid}:`;
const keys = createKeys(prefix);
const DAY = 86_400_000;

/** A plausible item: stage, grade, history as long as its stage implies. */
function item(i: number, now: number): HiddenHazard {
  const stage: HiddenHazardStage = HH_STAGES[i % HH_STAGES.length]!;
  const at = now - (i % 90) * DAY;
  const steps = HH_STAGES.indexOf(stage);
  const major = i % 7 === 0;
  return {
    id: `ent-${i % 400}:YH-${i}`,
    agency: `ent-${i % 400}`,
    enterprise: `常州第${i % 400}化工有限公司`,
    sector: SECTORS[Math.floor(i / 8) % SECTORS.length]!,
    source: 'self_check',
    description: `第 ${i} 号隐患：储罐区可燃气体探测器失效，未联锁切断，需更换并校验`,
    location: [119.9 + (i % 100) / 1000, 31.7 + (i % 97) / 1000],
    district: DISTRICTS[i % DISTRICTS.length]!,
    stage,
    ...(steps >= 2 ? { grade: major ? 'major' : 'general' } : {}),
    ...(steps >= 3
      ? {
          rectification: { plan: '更换探测器并联锁', responsible: '张工', deadline: at + 30 * DAY },
        }
      : {}),
    photos: [],
    reportedAt: at,
    ...(i % 5 === 0 && steps >= 3 && steps <= 4 ? { overdueSince: at + 31 * DAY } : {}),
    ...(stage === 'closed' ? { closedAt: at + 20 * DAY } : {}),
    history: HH_STAGES.slice(0, steps + 1).map((to, n) => ({
      at: at + n * DAY,
      by: n === 0 ? '安全员' : '安全监管科',
      role: n === 0 ? 'agency' : 'supervisor',
      action: n === 0 ? 'report' : 'step',
      to,
      note: '按规定办理',
    })),
    ts: at + steps * DAY,
  };
}

const FILTERS: Record<string, string> = {
  'no filter (first page)': '',
  district: 'district=320411',
  'sector + stage': 'sector=hazardous_chemicals&stage=rectifying',
  '重大 + overdue': 'grade=major&overdue=true',
  'enterprise name': `enterprise=${encodeURIComponent('第17化工')}`,
  'all six filters':
    'district=320411&sector=gas&stage=verifying&grade=general&overdue=true&enterprise=ent-5',
  'deep page': 'offset=5000&limit=50',
  stats: '',
};

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const redis: Redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await redis.connect();
  const now = Date.now();
  for (let i = 0; i < ITEMS; i += 1_000) {
    const batch: Record<string, string> = {};
    for (let j = i; j < Math.min(ITEMS, i + 1_000); j++) {
      const it = item(j, now);
      batch[it.id] = JSON.stringify(it);
    }
    await redis.hSet(keys.state('hiddenhazard'), batch);
  }
  const bytes = await redis.memoryUsage(keys.state('hiddenhazard'));
  const config = loadConfig({
    REDIS_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    USERS_FILE: path.resolve('tests/fixtures/users.test.yaml'),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    PHOTOS_DIR: path.resolve('.data/bench-photos'),
  });
  const server = await startServer(config, pino({ level: 'silent' }));
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor-1', password: 'pw-supervisor-1' }),
    });
    const { token } = (await login.json()) as { token: string };
    const get = async (url: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return (await res.json()) as { total?: unknown };
    };
    // The first request loads the view: measured on its own.
    const t0 = performance.now();
    await get(`${server.url}/api/v1/hidden-hazards`);
    const firstMs = performance.now() - t0;
    const load = loadavg()[0]!;
    const all: number[] = [];
    console.log(
      `ledger of ${ITEMS} items (${((bytes ?? 0) / 1e6).toFixed(1)} MB in Redis), ${ROUNDS} rounds, load ${load.toFixed(1)}`,
    );
    console.log(`first request (loads the view from Redis): ${firstMs.toFixed(0)} ms`);
    const rows: string[] = [];
    for (const [name, q] of Object.entries(FILTERS)) {
      const url =
        name === 'stats'
          ? `${server.url}/api/v1/hidden-hazards/stats`
          : `${server.url}/api/v1/hidden-hazards?${q}`;
      const times: number[] = [];
      let total: number | undefined;
      for (let r = 0; r < ROUNDS; r++) {
        const s = performance.now();
        const body = await get(url);
        total = typeof body.total === 'number' ? body.total : undefined;
        times.push(performance.now() - s);
      }
      all.push(...times);
      times.sort((a, b) => a - b);
      rows.push(
        `| ${name} | ${total ?? '—'} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${pct(times, 99).toFixed(1)} |`,
      );
    }
    all.sort((a, b) => a - b);
    // The same filters in this process, in CPU time (less moved by a loaded machine): what the
    // server does per request, less HTTP — filter, page, JSON.
    const items = Array.from({ length: ITEMS }, (_, i) => item(i, now)).sort(byNewestChange);
    const cpu: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of Object.values(FILTERS)) {
        const query = LedgerQuery.parse(Object.fromEntries(new URLSearchParams(q)));
        const s = process.cpuUsage();
        JSON.stringify(ledgerPage(items, query, true));
        const d = process.cpuUsage(s);
        cpu.push((d.user + d.system) / 1000);
      }
    }
    cpu.sort((a, b) => a - b);
    console.log(
      `in-process CPU per query (filter + page + JSON): p50 ${pct(cpu, 50).toFixed(1)} ms, p95 ${pct(cpu, 95).toFixed(1)} ms`,
    );
    console.log('| query | matches | p50 ms | p95 ms | p99 ms |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
    console.log(
      `| all queries | | ${pct(all, 50).toFixed(1)} | ${pct(all, 95).toFixed(1)} | ${pct(all, 99).toFixed(1)} |`,
    );
    console.log(`load after: ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    await server.close();
    const cleanup: Redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    await cleanup.connect();
    for await (const batch of cleanup.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (batch.length) await cleanup.del(batch);
    }
    await cleanup.close();
    if (redis.isOpen) await redis.close();
  }
}

await main();
