import { Warning } from '@cc/shared';
import { commit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { appendEvent } from '../store/ops';

/**
 * Removes every warning whose `expires` has passed: one remove event and the state entry, in one
 * commit. The commit's compare-and-set on `obs:warning` (the observation the warning was stored
 * with) makes it idempotent: when several ingest workers sweep at once, exactly one removes it,
 * and a newer update that extended the warning in between wins. Returns how many it removed.
 */
export async function sweepExpiredWarnings(ctx: FeedContext): Promise<number> {
  const { redis, keys } = ctx;
  const now = ctx.now();
  const all = await redis.hGetAll(keys.state('warning'));
  let removed = 0;
  for (const [id, json] of Object.entries(all)) {
    const parsed = Warning.safeParse(JSON.parse(json));
    if (!parsed.success) {
      ctx.log.warn({ warning: id, err: parsed.error.message }, 'unreadable warning in state');
      continue;
    }
    const w = parsed.data;
    if (w.expires > now) continue;
    const result = await commit(
      redis,
      // Observed at its expiry: later than the message that shaped it, so the guard accepts it.
      { obsKey: keys.obs('warning'), id, ts: Math.max(w.expires, w.ts + 1), expected: w.ts },
      [
        { op: 'hdel', key: keys.state('warning'), field: id },
        appendEvent(ctx, { kind: 'warning', op: 'remove', entityId: id }),
      ],
    );
    if (result.status === 'ok') removed++;
  }
  if (removed > 0) ctx.log.debug({ removed }, 'expired warnings removed');
  return removed;
}
