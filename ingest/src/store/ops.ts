import type { LiveEvent } from '@cc/shared';
import type { CommitOp } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';

/** Stores `value` as the JSON of `field` in a state hash. */
export function putJson(key: string, field: string, value: unknown): CommitOp {
  return { op: 'hset', key, field, value: JSON.stringify(value) };
}

/** Appends a state change to the `events` stream, which clients follow and resume from. */
export function appendEvent(ctx: FeedContext, event: LiveEvent): CommitOp {
  return {
    op: 'xadd',
    key: ctx.keys.events,
    maxlen: ctx.config.EVENTS_MAXLEN,
    value: JSON.stringify(event),
  };
}
