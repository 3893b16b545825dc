/**
 * What an abrupt Redis crash (SIGKILL) loses, per AOF fsync policy: `npx tsx bench/redis-crash.ts`
 * (`--rounds N`, `--seconds S`, `--rate R`). Figures, not assertions; see docs/faults.md.
 *
 * For each policy a private redis-server (own port, data directory under the system temp dir)
 * takes incident reports through ingest's real incident handler — validate, normalize, one
 * guarded commit (commit.lua: observation time, state hash, events stream) — at a steady rate.
 * Mid-stream it is killed with SIGKILL, started again from its AOF, and what survived is counted
 * against what Redis had acknowledged. Bounded: rounds × (seconds + restart) per policy.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createKeys, loadConfig, type Redis } from '@cc/shared/node';
import type { FeedContext } from '../ingest/src/feeds/context';
import { handleIncidents } from '../ingest/src/feeds/incident';
import { incidentMessage } from '../tests/helpers/fault-load';
import { connectTo, startAofRedis, type AppendFsync } from '../tests/helpers/fault-redis';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const ROUNDS = option('rounds', 3);
const SECONDS = option('seconds', 3);
/** Target commits per second, dispatched steadily; at most MAX_IN_FLIGHT outstanding. */
const RATE = option('rate', 2_000);
const MAX_IN_FLIGHT = 64;
const AGENCY = 'ent-bench';

interface Round {
  acknowledged: number;
  survived: number;
  /** Acknowledged by Redis, gone after the restart. */
  lost: number;
  /** Sent, not acknowledged before the kill, yet in the restarted Redis. */
  unacknowledgedKept: number;
  /** State entries without their event or the reverse: a commit half applied. */
  torn: number;
  /**
   * Times `everysec` postponed an AOF write because the previous fsync was still running
   * (INFO aof_delayed_fsync): acknowledged writes then sit in Redis's memory only, up to 2 s.
   */
  delayedFsync: number;
  /** Commits acknowledged per second while writing. */
  perSecond: number;
  p99Ms: number;
}

/** One round: write steadily, SIGKILL Redis mid-stream, start it again, count. */
async function round(policy: AppendFsync | 'off', n: number): Promise<Round> {
  const redis = await startAofRedis(policy === 'off' ? { aof: false } : { appendfsync: policy });
  const keys = createKeys(`bench:crash:${n}:`);
  const client: Redis = await connectTo(redis.url);
  const ctx: FeedContext = {
    redis: client,
    keys,
    config: loadConfig({}),
    log: pino({ level: 'silent' }),
    now: Date.now,
  };
  const acknowledged = new Set<string>();
  const latencies: number[] = [];
  let sent = 0;
  let inFlight = 0;

  async function writeOne() {
    const local = `C${++sent}`;
    inFlight++;
    const began = performance.now();
    try {
      const [outcome] = await handleIncidents(
        ctx,
        AGENCY,
        [incidentMessage(local, Date.now() - 1_000)],
        false,
      );
      // A reply is an acknowledgement whenever it arrives: Redis answers only after its AOF write.
      if (outcome?.status === 'applied') {
        acknowledged.add(`${AGENCY}:${local}`);
        latencies.push(performance.now() - began);
      }
    } catch {
      // In flight at the kill: unknown whether Redis applied it; counted after the restart.
    } finally {
      inFlight--;
    }
  }

  const began = performance.now();
  const dispatcher = setInterval(() => {
    const due = Math.floor(((performance.now() - began) / 1000) * RATE);
    while (sent < due && inFlight < MAX_IN_FLIGHT) void writeOne();
  }, 5);
  // The kill lands while writes are being dispatched and acknowledged.
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const delayed = /aof_delayed_fsync:(\d+)/.exec(await client.info('persistence'))?.[1];
  await redis.crash();
  const elapsedS = (performance.now() - began) / 1000;
  clearInterval(dispatcher);
  // Writes queued for a reconnect are dropped, not sent to the restarted Redis.
  client.destroy();

  await redis.start();
  const check = await connectTo(redis.url);
  const stored = new Set(await check.hKeys(keys.state('incident')));
  const events = await check.xLen(keys.events);
  check.destroy();
  await redis.close();

  latencies.sort((a, b) => a - b);
  return {
    acknowledged: acknowledged.size,
    survived: stored.size,
    lost: [...acknowledged].filter((id) => !stored.has(id)).length,
    unacknowledgedKept: [...stored].filter((id) => !acknowledged.has(id)).length,
    torn: Math.abs(stored.size - events),
    delayedFsync: Number(delayed ?? 0),
    perSecond: acknowledged.size / elapsedS,
    p99Ms: latencies[Math.floor(0.99 * (latencies.length - 1))] ?? NaN,
  };
}

const POLICIES: (AppendFsync | 'off')[] = ['always', 'everysec', 'no', 'off'];
const started = performance.now();
process.stdout.write(
  `Redis SIGKILL under a steady ${RATE}/s of incident commits, ${ROUNDS} round(s) of ${SECONDS} s per policy\n\n`,
);
const header = [
  'appendfsync',
  'acknowledged',
  'lost',
  'kept unacked',
  'torn',
  'delayed fsync',
  'commits/s',
  'p99 ms',
];
process.stdout.write(
  `${header.map((h, i) => (i === 0 ? h.padEnd(12) : h.padStart(15))).join('')}\n`,
);
for (const policy of POLICIES) {
  const rounds: Round[] = [];
  for (let n = 0; n < ROUNDS; n++) rounds.push(await round(policy, n));
  const sum = (f: (r: Round) => number) => rounds.reduce((s, r) => s + f(r), 0);
  const mean = (f: (r: Round) => number) => sum(f) / rounds.length;
  const cells = [
    policy === 'off' ? 'AOF off' : policy,
    String(sum((r) => r.acknowledged)),
    String(sum((r) => r.lost)),
    String(sum((r) => r.unacknowledgedKept)),
    String(sum((r) => r.torn)),
    String(sum((r) => r.delayedFsync)),
    mean((r) => r.perSecond).toFixed(0),
    mean((r) => r.p99Ms).toFixed(1),
  ];
  process.stdout.write(
    `${cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(15))).join('')}\n`,
  );
}
/** The kernel's writeback timing: how long an un-fsynced AOF write may stay in memory only. */
function sysctl(name: string): string {
  try {
    return readFileSync(`/proc/sys/vm/${name}`, 'utf8').trim();
  } catch {
    return '?';
  }
}
process.stdout.write(
  `\nkernel: dirty_expire_centisecs ${sysctl('dirty_expire_centisecs')},` +
    ` dirty_writeback_centisecs ${sysctl('dirty_writeback_centisecs')}` +
    ` (what a machine crash, not a process crash, can lose under appendfsync no)\n` +
    `${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
process.exit(0);
