import { Alarm, Order } from '@cc/shared';
import { commit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { parseState } from '../store/read-state';
import { appendEvent, putJson } from '../store/ops';

/** The id of the timeout alarm of an order: one per order, ever. */
export const orderAlarmId = (orderId: string) => `${orderId}@order_timeout`;

export interface OrderTimeoutInput {
  now: number;
  timeoutMs: number;
  orders: readonly Order[];
  /** Active timeout alarms, by alarm id. */
  active: ReadonlyMap<string, Alarm>;
  /** Ids of timeout alarms ever raised (their `obs:alarm` entry): none is raised twice. */
  raised: ReadonlySet<string>;
}

/**
 * Which order timeout alarms to raise (an order still `sent` past its deadline) and which to clear
 * (its order has been answered since). Pure: the sweep below does the reading and writing.
 */
export function evaluateOrderTimeouts(input: OrderTimeoutInput): {
  raise: Alarm[];
  clear: Alarm[];
} {
  const { now, timeoutMs } = input;
  const raise: Alarm[] = [];
  const clear: Alarm[] = [];
  for (const order of input.orders) {
    const id = orderAlarmId(order.id);
    const active = input.active.get(id);
    if (order.status === 'sent') {
      if (active || input.raised.has(id) || now - order.sentAt < timeoutMs) continue;
      raise.push({
        id,
        cause: 'order_timeout',
        agency: order.agency,
        status: 'active',
        level: 'H',
        peak: 'H',
        raisedAt: now,
        updatedAt: now,
      });
    } else if (active) {
      clear.push({ ...active, status: 'cleared', updatedAt: now, clearedAt: now });
    }
  }
  return { raise, clear };
}

/**
 * Raises an `order_timeout` alarm for every order left unacknowledged past `timeoutMs`, and clears
 * it once the order is answered. Each write is a compare-and-set on the alarm's `obs:alarm` entry
 * (none stored to raise, the raise's to clear): when several workers sweep at once, one writes and
 * the others skip. Returns how many alarms it raised or cleared.
 */
export async function sweepOrderTimeouts(ctx: FeedContext, timeoutMs: number): Promise<number> {
  const { redis, keys } = ctx;
  const orders = parseState(ctx, Order, Object.values(await redis.hGetAll(keys.state('order'))));
  if (orders.length === 0) return 0;
  const alarmIds = orders.map((o) => orderAlarmId(o.id));
  const [alarmJson, obs] = await Promise.all([
    redis.hmGet(keys.state('alarm'), alarmIds),
    redis.hmGet(keys.obs('alarm'), alarmIds),
  ]);
  const active = new Map(parseState(ctx, Alarm, alarmJson).map((a) => [a.id, a]));
  const stored = new Map(alarmIds.flatMap((id, i) => (obs[i] ? [[id, Number(obs[i])]] : [])));
  const now = ctx.now();
  const { raise, clear } = evaluateOrderTimeouts({
    now,
    timeoutMs,
    orders,
    active,
    raised: new Set(stored.keys()),
  });
  let written = 0;
  for (const alarm of raise) {
    const guard = { obsKey: keys.obs('alarm'), id: alarm.id, ts: now, expected: null };
    const result = await commit(redis, guard, [
      putJson(keys.state('alarm'), alarm.id, alarm),
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    ]);
    if (result.status === 'ok') written++;
  }
  for (const alarm of clear) {
    const expected = stored.get(alarm.id) ?? null;
    const guard = {
      obsKey: keys.obs('alarm'),
      id: alarm.id,
      ts: Math.max(now, (expected ?? 0) + 1),
      expected,
    };
    const result = await commit(redis, guard, [
      { op: 'hdel', key: keys.state('alarm'), field: alarm.id },
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    ]);
    if (result.status === 'ok') written++;
  }
  if (written > 0) ctx.log.debug({ raised: raise.length, cleared: clear.length }, 'order timeouts');
  return written;
}
