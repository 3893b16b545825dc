import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

const COMMIT_LUA = readFileSync(new URL('./scripts/commit.lua', import.meta.url), 'utf8');
const COMMIT_SHA = createHash('sha1').update(COMMIT_LUA).digest('hex');

/** A node-redis client with default modules and RESP2 string replies. */
export type Redis = ReturnType<typeof createClient>;

export type CommitOp =
  | { op: 'hset'; key: string; field: string; value: string }
  | { op: 'hdel'; key: string; field: string }
  | { op: 'xadd'; key: string; maxlen: number; value: string }
  | { op: 'zadd'; key: string; maxlen: number; score: number; member: string }
  | { op: 'geoadd'; key: string; lon: number; lat: number; member: string };

export interface CommitGuard {
  /** The obs hash that orders this entity's observations. */
  obsKey: string;
  id: string;
  ts: number;
  /** Compare-and-set on the stored observation time: `null` = none stored, `undefined` = no check. */
  expected?: number | null;
}

export type CommitResult =
  { status: 'ok'; streamIds: string[] } | { status: 'stale' | 'conflict'; stored: number | null };

/** Encodes a guarded multi-write for commit.lua; pure, so it is tested without Redis. */
export function encodeCommit(guard: CommitGuard, ops: readonly CommitOp[]) {
  const keys = [guard.obsKey];
  const index = new Map<string, number>();
  const keyIndex = (key: string): string => {
    let i = index.get(key);
    if (i === undefined) {
      keys.push(key);
      i = keys.length;
      index.set(key, i);
    }
    return String(i);
  };
  const expected =
    guard.expected === undefined ? '' : guard.expected === null ? '-' : String(guard.expected);
  const args = [guard.id, String(guard.ts), expected];
  for (const o of ops) {
    if (o.op === 'hset') args.push('H', keyIndex(o.key), o.field, o.value);
    else if (o.op === 'hdel') args.push('D', keyIndex(o.key), o.field);
    else if (o.op === 'xadd') args.push('X', keyIndex(o.key), String(o.maxlen), o.value);
    else if (o.op === 'zadd')
      args.push('Z', keyIndex(o.key), String(o.maxlen), String(o.score), o.member);
    else args.push('G', keyIndex(o.key), String(o.lon), String(o.lat), o.member);
  }
  return { keys, arguments: args };
}

function decode(reply: unknown): CommitResult {
  const [status, ...rest] = reply as string[];
  if (status === 'ok') return { status, streamIds: rest };
  const stored = rest[0];
  return {
    status: status === 'stale' ? 'stale' : 'conflict',
    stored: stored === undefined || stored === '-' ? null : Number(stored),
  };
}

/** Runs commit.lua by its hash, loading it once when the server does not know it yet. */
export async function commit(
  redis: Redis,
  guard: CommitGuard,
  ops: readonly CommitOp[],
): Promise<CommitResult> {
  const options = encodeCommit(guard, ops);
  try {
    return decode(await redis.evalSha(COMMIT_SHA, options));
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return decode(await redis.eval(COMMIT_LUA, options));
  }
}
