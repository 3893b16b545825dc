import {
  FeedError,
  Order,
  OrderReplyMessage,
  Resource,
  entityId,
  type IssuePath,
  type OrderStatus,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { observedAt, validate } from './decode';
import { appendEvent, putJson } from '../store/ops';
import { eachItem } from './upsert';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from './context';

/** How far along an order is: an answer never moves it back. `done` and `refused` are final. */
const PROGRESS: Record<OrderStatus, number> = { sent: 0, acknowledged: 1, done: 2, refused: 2 };

export type OrderAnswer =
  | { status: 'applied'; order: Order }
  | { status: 'duplicate' }
  /** Overtaken by a later answer (an `acknowledged` after `done`): changes nothing. */
  | { status: 'late' }
  | { status: 'refused'; reason: string };

/** What an agency's answer does to an order: pure, so the transitions are tested without Redis. */
export function answerOrder(
  order: Order,
  reply: Pick<OrderReplyMessage, 'status' | 'note'>,
  ts: number,
): OrderAnswer {
  if (reply.status === order.status) return { status: 'duplicate' };
  const from = PROGRESS[order.status];
  const to = PROGRESS[reply.status];
  if (to < from) return { status: 'late' };
  if (to === from) {
    return { status: 'refused', reason: `the order is already ${order.status}` };
  }
  return {
    status: 'applied',
    order: {
      ...order,
      status: reply.status,
      updatedAt: ts,
      ts,
      ...(reply.note === undefined ? {} : { reply: reply.note }),
    },
  };
}

/** A refused dispatch frees the unit, unless it has moved on since (its own feed said so). */
async function freedResourceOps(ctx: FeedContext, order: Order, ts: number): Promise<CommitOp[]> {
  if (order.kind !== 'dispatch' || order.status !== 'refused') return [];
  const json = await ctx.redis.hGet(ctx.keys.state('resource'), order.resourceId);
  if (!json) return [];
  const resource = Resource.parse(JSON.parse(json));
  if (resource.status !== 'dispatched') return [];
  const data: Resource = { ...resource, status: 'available', ts: Math.max(ts, resource.ts + 1) };
  return [
    putJson(ctx.keys.state('resource'), data.id, data),
    { op: 'hset', key: ctx.keys.obs('resource'), field: data.id, value: String(data.ts) },
    appendEvent(ctx, { kind: 'resource', op: 'upsert', data }),
  ];
}

/** Applies one answer with a compare-and-set on `obs:order`, retrying when another write won. */
async function applyReply(
  ctx: FeedContext,
  agency: string,
  msg: OrderReplyMessage,
  ts: number,
  at: IssuePath,
): Promise<Outcome> {
  const { redis, keys } = ctx;
  // The topic names the agency, so an agency can only ever reach its own orders.
  const id = entityId(agency, msg.id);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [json, obs] = await Promise.all([
      redis.hGet(keys.state('order'), id),
      redis.hGet(keys.obs('order'), id),
    ]);
    if (!json) {
      throw new FeedError('feed.invalid', `${[...at, 'id'].join('.')}: no order ${id} was sent`, [
        ...at,
        'id',
      ]);
    }
    const stored = obs === null || obs === undefined ? null : Number(obs);
    const answer = answerOrder(Order.parse(JSON.parse(json)), msg, Math.max(ts, (stored ?? 0) + 1));
    if (answer.status === 'refused') {
      throw new FeedError('feed.invalid', `${[...at, 'status'].join('.')}: ${answer.reason}`, [
        ...at,
        'status',
      ]);
    }
    if (answer.status !== 'applied') return { status: answer.status };
    const { order } = answer;
    const result = await commit(
      redis,
      { obsKey: keys.obs('order'), id, ts: order.ts, expected: stored },
      [
        putJson(keys.state('order'), id, order),
        appendEvent(ctx, { kind: 'order', op: 'upsert', data: order }),
        ...(await freedResourceOps(ctx, order, order.ts)),
      ],
    );
    if (result.status === 'ok') return { status: 'applied' };
  }
  ctx.log.warn({ order: id }, 'order answer lost every compare-and-set; retried by redelivery');
  throw new Error(`order ${id} is written too often to apply an answer`);
}

/** `order`: an agency acknowledges, completes or refuses an order it received. */
export const handleOrderReplies: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at): Promise<Outcome> => {
    const msg = validate(OrderReplyMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'event');
    return applyReply(ctx, agency, msg, ts, at);
  });
