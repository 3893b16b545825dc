import { FeedError, type IssuePath, type LiveEvent } from '@cc/shared';
import { commit } from '@cc/shared/node';
import { idOf } from './hazard';
import { appendEvent, putJson } from '../store/ops';
import type { FeedContext, Outcome } from './context';

/** Upserts of entities that need nothing but their own message to be written. */
export type PlainUpsert = Extract<
  LiveEvent,
  { op: 'upsert'; kind: 'incident' | 'resource' | 'riskarea' | 'place' | 'camera' }
>;

/** The refusal of an observation older than the stored one: an event never goes back in time. */
export function staleError(ts: number, stored: number | null, at: IssuePath): FeedError {
  const path = [...at, 'ts'];
  return new FeedError(
    'feed.stale',
    `${path.join('.')}: ${new Date(ts).toISOString()} is older than the stored ${new Date(stored ?? 0).toISOString()}`,
    path,
  );
}

/**
 * Stores the entity and appends its event in one guarded commit (`obs:{kind}`): the same
 * observation again is a duplicate, an older one is refused as stale.
 */
export async function commitUpsert(
  ctx: FeedContext,
  event: PlainUpsert,
  localId: string,
  at: IssuePath,
): Promise<Outcome> {
  const { kind, data } = event;
  const result = await commit(ctx.redis, { obsKey: ctx.keys.obs(kind), id: data.id, ts: data.ts }, [
    putJson(ctx.keys.state(kind), data.id, data),
    appendEvent(ctx, event),
  ]);
  if (result.status === 'ok') return { status: 'applied' };
  if (result.stored === data.ts) return { status: 'duplicate' };
  return { status: 'rejected', id: localId, error: staleError(data.ts, result.stored, at) };
}

/** An applied outcome carries the first of `warnings` (a position or area outside the service area). */
export function flagged(
  outcome: Outcome,
  id: string,
  ...warnings: (FeedError | undefined)[]
): Outcome {
  const warning = warnings.find((w) => w !== undefined);
  return outcome.status === 'applied' && warning ? { status: 'applied', warning, id } : outcome;
}

/**
 * Runs `write` for each item of a message, in order; a FeedError refuses that item only.
 * `at` is the item's path prefix: its index in a batch, nothing for a single message.
 */
export async function eachItem(
  items: readonly unknown[],
  batch: boolean,
  write: (item: unknown, at: IssuePath) => Promise<Outcome>,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [i, item] of items.entries()) {
    try {
      outcomes.push(await write(item, batch ? [i] : []));
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      outcomes.push({ status: 'rejected', error: err, ...idOf(item) });
    }
  }
  return outcomes;
}
