import { readFileSync } from 'node:fs';
import type { Redis } from './commit';

const RECORD_REJECTS_LUA = readFileSync(
  new URL('./scripts/record-rejects.lua', import.meta.url),
  'utf8',
);

/** Notices per script call, at most: a call's arguments stay a few hundred kilobytes. */
const PER_CALL = 1_000;

/**
 * Appends notices (their JSON, in order) to the `rejects` stream, trimmed to about `maxlen`:
 * one script call per thousand, not one XADD each. A flood of refusals then costs Redis and
 * ingest about what the same flood of acceptances does.
 */
export async function recordRejects(
  redis: Redis,
  key: string,
  maxlen: number,
  notices: readonly string[],
): Promise<void> {
  const calls: Promise<unknown>[] = [];
  for (let from = 0; from < notices.length; from += PER_CALL) {
    calls.push(
      redis.eval(RECORD_REJECTS_LUA, {
        keys: [key],
        arguments: [String(maxlen), ...notices.slice(from, from + PER_CALL)],
      }),
    );
  }
  await Promise.all(calls);
}
