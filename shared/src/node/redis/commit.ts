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

/**
 * commit-batch.lua as it is sent with every call (EVAL, see `runBatch`): without its comments
 * and indentation, half the text, so a call carries and Redis hashes 6 KB less. The script has
 * no long strings and no `--` in a string; a line that only comments is dropped.
 */
const BATCH_LUA = readFileSync(new URL('./scripts/commit-batch.lua', import.meta.url), 'utf8')
  .replace(/^--\[\[[\s\S]*?\]\]\n/, '')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('--'))
  .join('\n');

/**
 * Members (JSON texts) pushed on the list `key` in order, then `ifAbsent` members each only when
 * the list does not hold it yet (the list is read once for them: for the rare member that may be
 * there already); the list then keeps its newest `maxlen` (`trim: false` leaves the trim to a
 * later write). commit-batch.lua only.
 */
export interface PushOp {
  op: 'push';
  key: string;
  maxlen: number;
  trim?: boolean;
  members: readonly string[];
  ifAbsent?: readonly string[];
}

/**
 * A value (a JSON text) added to the one entry each commit-batch.lua call adds to stream `key`:
 * field `b`, the JSON array of the call's values in order (`readBatchEntry`). Each call trims the
 * stream to `maxlen` / (its own value count) entries: about `maxlen` values while calls are of
 * similar size (small calls after large ones keep up to about twice as many, a large one after
 * small ones fewer). `countKey`, when given, counts every value ever appended (INCRBY).
 * Telemetry goes this way: one stream entry per few hundred readings, not one per reading.
 */
export interface AppendOp {
  op: 'append';
  key: string;
  maxlen: number;
  countKey?: string;
  value: string;
}
/**
 * A reading or position as it is stored: `value` (a JSON text) is the state of the unit's entity
 * in hash `key` (field: the unit's guard id), and `{"name":value}` is appended to `stream` as an
 * `AppendOp` would. The value goes to Redis once for both. Guarded units only.
 */
export interface TelemetryOp {
  op: 'telemetry';
  key: string;
  stream: string;
  maxlen: number;
  countKey?: string;
  name: 'reading' | 'position';
  value: string;
}
export type BatchOp = CommitOp | PushOp | AppendOp | TelemetryOp;

/** The values of one entry of a stream written by `append` ops, in order. */
export function readBatchEntry(message: Record<string, string>): unknown[] {
  const b = message.b;
  if (b === undefined) throw new Error('not a batch entry (no field b)');
  const values: unknown = JSON.parse(b);
  if (!Array.isArray(values)) throw new Error('not a batch entry (field b is not an array)');
  return values;
}

/**
 * A hash field a unit's write was computed from and others may change (a definition's version,
 * an alarm's): the unit is written only if the field still holds `value` (`null` = absent; the
 * script spells absent '-' and present '+', so a value may be neither), or, with `present`, holds
 * anything (an entity that must be registered).
 */
export type CommitCheck =
  | { key: string; field: string; value: string | null }
  | { key: string; field: string; present: true };

/**
 * One observation of a batch: written only if its guard and its checks hold; no guard and no
 * checks = always written.
 */
export interface CommitUnit {
  guard?: CommitGuard;
  checks?: readonly CommitCheck[];
  ops: readonly BatchOp[];
}
export type UnitResult = { status: 'ok' } | { status: 'stale' | 'conflict'; stored: number | null };

/** How commit-batch.lua spells a check's wanted value: '-' absent, '+' present, else itself. */
function checkValue(c: CommitCheck): string {
  if ('present' in c) return '+';
  if (c.value === '-' || c.value === '+') {
    throw new Error(`check of ${c.key} ${c.field}: '-' means absent, '+' present`);
  }
  return c.value ?? '-';
}

/**
 * A unit of the shape most writes have — a sensor's one new reading: guarded, two checks (the
 * second of a field named by the unit's id), a `telemetry` op and a one-member `push` — in its
 * parts; undefined for any other unit. commit-batch.lua takes the units of one call that share
 * their keys and bounds (`sameKeys`) in a compact form (reading units).
 */
function readingForm(unit: CommitUnit) {
  const { guard, checks, ops } = unit;
  if (!guard || checks?.length !== 2 || ops.length !== 2) return undefined;
  const [hazard, offline] = checks as [CommitCheck, CommitCheck];
  const [telemetry, push] = ops as [BatchOp, BatchOp];
  if (offline.field !== guard.id || telemetry.op !== 'telemetry' || push.op !== 'push') {
    return undefined;
  }
  if (push.members.length !== 1 || (push.ifAbsent?.length ?? 0) > 0) return undefined;
  return { guard, hazard, offline, telemetry, push };
}

type ReadingForm = NonNullable<ReturnType<typeof readingForm>>;

/** Whether two reading units share what the compact form sends once per call. */
function sameKeys(a: ReadingForm, b: ReadingForm): boolean {
  return (
    a.guard.obsKey === b.guard.obsKey &&
    a.hazard.key === b.hazard.key &&
    a.offline.key === b.offline.key &&
    a.telemetry.key === b.telemetry.key &&
    a.telemetry.stream === b.telemetry.stream &&
    a.telemetry.maxlen === b.telemetry.maxlen &&
    a.telemetry.countKey === b.telemetry.countKey &&
    a.telemetry.name === b.telemetry.name &&
    a.push.maxlen === b.push.maxlen
  );
}

/**
 * Encodes units for commit-batch.lua; pure, so it is tested without Redis. `order`: the index in
 * `units` of each status the script returns (reading units' statuses come after the others').
 */
export function encodeBatch(units: readonly CommitUnit[]) {
  const keys: string[] = [];
  const index = new Map<string, string>();
  const keyIndex = (key: string): string => {
    let i = index.get(key);
    if (i === undefined) {
      keys.push(key);
      i = String(keys.length);
      index.set(key, i);
    }
    return i;
  };
  const headers: string[] = [];
  const checks: string[] = [];
  const args: string[] = [];
  const reading: string[] = [];
  const general: number[] = [];
  const readings: number[] = [];
  let first: ReadingForm | undefined;
  // Reading units run after the others: only an entity's one unit in the call may take that form.
  const unitsOf = new Map<string, number>();
  for (const { guard } of units) {
    if (guard) unitsOf.set(guard.id, (unitsOf.get(guard.id) ?? 0) + 1);
  }
  units.forEach((unit, u) => {
    const { guard, checks: mine = [], ops } = unit;
    const expected =
      guard?.expected === undefined ? '' : guard.expected === null ? '-' : String(guard.expected);
    const form = readingForm(unit);
    if (guard && form && unitsOf.get(guard.id) === 1 && sameKeys((first ??= form), form)) {
      if (readings.length === 0) {
        const { hazard, offline, telemetry, push } = form;
        reading.push(keyIndex(guard.obsKey), keyIndex(hazard.key), keyIndex(offline.key));
        reading.push(keyIndex(telemetry.key), keyIndex(telemetry.stream));
        reading.push(String(telemetry.maxlen));
        reading.push(telemetry.countKey === undefined ? '0' : keyIndex(telemetry.countKey));
        reading.push(telemetry.name, String(push.maxlen));
      }
      readings.push(u);
      reading.push(guard.id, String(guard.ts), expected, form.hazard.field);
      reading.push(checkValue(form.hazard), checkValue(form.offline), form.telemetry.value);
      reading.push(keyIndex(form.push.key), form.push.members[0]!);
      reading.push(form.push.trim === false ? '0' : '1');
      return;
    }
    general.push(u);
    headers.push(
      guard ? keyIndex(guard.obsKey) : '0',
      guard?.id ?? '',
      String(guard?.ts ?? 0),
      expected,
      String(ops.length),
      String(mine.length),
    );
    for (const c of mine) checks.push(keyIndex(c.key), c.field, checkValue(c));
    for (const o of ops) {
      if (o.op === 'hset') args.push('H', keyIndex(o.key), o.field, o.value);
      else if (o.op === 'hdel') args.push('D', keyIndex(o.key), o.field);
      else if (o.op === 'xadd') args.push('X', keyIndex(o.key), String(o.maxlen), o.value);
      else if (o.op === 'zadd')
        args.push('Z', keyIndex(o.key), String(o.maxlen), '1', String(o.score), o.member);
      else if (o.op === 'push') {
        const maxlen = o.trim === false ? '-' : String(o.maxlen);
        const absent = o.ifAbsent ?? [];
        args.push('L', keyIndex(o.key), maxlen, String(o.members.length), String(absent.length));
        for (const m of o.members) args.push(m);
        for (const m of absent) args.push(m);
      } else if (o.op === 'telemetry') {
        if (!guard) throw new Error(`telemetry of ${o.key} in a unit without a guard`);
        args.push('T', keyIndex(o.key), keyIndex(o.stream), String(o.maxlen));
        args.push(o.countKey === undefined ? '0' : keyIndex(o.countKey), o.name, o.value);
      } else if (o.op === 'append') {
        const counter = o.countKey === undefined ? '0' : keyIndex(o.countKey);
        args.push('A', keyIndex(o.key), String(o.maxlen), counter, o.value);
      } else args.push('G', keyIndex(o.key), String(o.lon), String(o.lat), o.member);
    }
  });
  return {
    keys,
    arguments: [String(general.length), String(readings.length)].concat(
      reading,
      headers,
      checks,
      args,
    ),
    order: general.concat(readings),
  };
}

const OK: UnitResult = Object.freeze({ status: 'ok' });

function decodeUnit(status: string): UnitResult {
  if (status === 'ok') return OK;
  const stored = status.slice(1);
  return {
    status: status[0] === 's' ? 'stale' : 'conflict',
    stored: stored === '-' ? null : Number(stored),
  };
}

/**
 * Always EVAL, never EVALSHA: a batch's calls must run in the order they were sent, and the
 * NOSCRIPT fallback of EVALSHA re-sends a call after the ones queued behind it whenever Redis
 * lost its script cache (a restart). Redis still compiles the
 * script once; sending and hashing its text costs about 0.1 µs per reading of a call.
 */
async function runBatch(
  redis: Redis,
  options: ReturnType<typeof encodeBatch>,
): Promise<UnitResult[]> {
  // The arguments go as one JSON array (the script decodes it): thousands of RESP arguments
  // cost ingest about 2.7 µs per reading to encode and Redis about 0.5 µs more to receive than
  // one JSON text (0.8 µs to stringify).
  const reply = (await redis.eval(BATCH_LUA, {
    keys: options.keys,
    arguments: [JSON.stringify(options.arguments)],
  })) as string[];
  const results = new Array<UnitResult>(reply.length);
  reply.forEach((status, j) => (results[options.order[j]!] = decodeUnit(status)));
  return results;
}

/**
 * Arguments a unit takes in commit-batch.lua's general form (to size the calls). A reading unit
 * sent in the compact form (ten) counts as its general form (about 25) too: the call sizes were
 * measured that way, about 240 sensors' readings per call.
 */
function argsOf(unit: CommitUnit): number {
  let n = 6 + 3 * (unit.checks?.length ?? 0);
  for (const o of unit.ops)
    n +=
      o.op === 'push'
        ? 5 + o.members.length + (o.ifAbsent?.length ?? 0)
        : o.op === 'telemetry'
          ? 7
          : 5;
  return n;
}

/** Arguments per commit-batch.lua call (see `prepareBatch`). */
const ARGS_PER_CALL = 6_000;

/**
 * Encodes many units for commit-batch.lua, one call per `argsPerCall` arguments or so (about
 * 240 sensors' readings), ready to send: a writer can encode while it waits for its turn to write.
 * A script runs alone in Redis, so the size of a call bounds how long other clients wait; and
 * calls go one per turn (`send`), so the smaller they are, the sooner Redis starts. 6,000 was
 * the best of 3,000 / 6,000 / 20,000 in the benchmark (most stored per second at 35,000 offered:
 * about 24,000 / 23,600 / 22,000; 20,000 one call at once: 21,000).
 */
export function prepareBatch(units: readonly CommitUnit[], argsPerCall = ARGS_PER_CALL) {
  const calls: ReturnType<typeof encodeBatch>[] = [];
  let from = 0;
  let args = 0;
  units.forEach((unit, i) => {
    args += argsOf(unit);
    if (args >= argsPerCall || i === units.length - 1) {
      calls.push(encodeBatch(units.slice(from, i + 1)));
      from = i + 1;
      args = 0;
    }
  });
  return {
    /**
     * Sends the calls in order, each in a turn of the event loop of its own. The client writes
     * what was queued in a turn at the end of it: queued at once, nothing would reach Redis until
     * every call was encoded; one per turn, Redis runs a call while the next is encoded. `queued`
     * is called once every call is queued (a command queued after it runs after all of them).
     * Results in the units' order.
     */
    async send(redis: Redis, queued: () => void = () => {}): Promise<UnitResult[]> {
      const results: Promise<UnitResult[]>[] = [];
      for (const [i, options] of calls.entries()) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        const result = runBatch(redis, options);
        // Handled below; until then a failed call must not count as unhandled.
        result.catch(() => {});
        results.push(result);
      }
      queued();
      return (await Promise.all(results)).flat();
    },
  };
}

/** Writes many units with few round trips: `prepareBatch` and send. */
export function commitBatch(
  redis: Redis,
  units: readonly CommitUnit[],
  argsPerCall = ARGS_PER_CALL,
): Promise<UnitResult[]> {
  return prepareBatch(units, argsPerCall).send(redis);
}
