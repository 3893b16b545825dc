import type { RejectNotice } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';

/** Appends a refused message to the `rejects` stream, trimmed approximately. */
export async function recordReject(
  redis: Redis,
  keys: Keys,
  maxlen: number,
  notice: RejectNotice,
): Promise<void> {
  await redis.xAdd(
    keys.rejects,
    '*',
    { e: JSON.stringify(notice) },
    { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxlen } },
  );
}
