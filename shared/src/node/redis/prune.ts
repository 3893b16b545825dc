import { readFileSync } from 'node:fs';
import type { Redis } from './commit';

const DROP_ORPHANS_LUA = readFileSync(
  new URL('./scripts/drop-orphans.lua', import.meta.url),
  'utf8',
);

/**
 * Removes `ids` from every key of `from` (hashes: the field; sorted and GEO sets: the member), each
 * only if `stateKey` still does not hold it, checked in the script: an entity registered again
 * between the read that found it gone and this call keeps everything. Returns how many it removed.
 */
export async function dropOrphans(
  redis: Redis,
  stateKey: string,
  from: readonly string[],
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const reply = await redis.eval(DROP_ORPHANS_LUA, {
    keys: [stateKey, ...from],
    arguments: [...ids],
  });
  return Number(reply);
}
