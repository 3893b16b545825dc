import { describe, expect, it } from 'vitest';
import type { Alarm, Order } from '@cc/shared';
import { answerOrder } from '../../ingest/src/feeds/order';
import { evaluateOrderTimeouts, orderAlarmId } from '../../ingest/src/sweepers/orders';
import { orderIdFor, toOrderNotice } from '../../ingest/src/commands/dispatch';

const SENT_AT = 1_795_000_000_000;
const order = (status: Order['status'], id = 'fire:ord-1'): Order => ({
  id,
  agency: 'fire',
  kind: 'dispatch',
  incidentId: 'police:INC-1',
  resourceId: 'fire:FE-1',
  status,
  by: 'commander-1',
  sentAt: SENT_AT,
  updatedAt: SENT_AT,
  ts: SENT_AT,
});

describe('an answer to an order', () => {
  it.each([
    ['sent', 'acknowledged'],
    ['sent', 'done'],
    ['sent', 'refused'],
    ['acknowledged', 'done'],
    ['acknowledged', 'refused'],
  ] as const)('moves %s to %s, keeping the note', (from, to) => {
    expect(answerOrder(order(from), { status: to, note: 'ok' }, SENT_AT + 5)).toEqual({
      status: 'applied',
      order: { ...order(from), status: to, reply: 'ok', ts: SENT_AT + 5, updatedAt: SENT_AT + 5 },
    });
  });

  it('given twice is a duplicate', () => {
    expect(answerOrder(order('acknowledged'), { status: 'acknowledged' }, SENT_AT + 9)).toEqual({
      status: 'duplicate',
    });
  });

  it('arriving after a later one changes nothing', () => {
    expect(answerOrder(order('done'), { status: 'acknowledged' }, SENT_AT + 9)).toEqual({
      status: 'late',
    });
  });

  it('cannot turn one final answer into another', () => {
    expect(answerOrder(order('refused'), { status: 'done' }, SENT_AT + 9)).toMatchObject({
      status: 'refused',
    });
  });
});

describe('order timeouts', () => {
  const base = { timeoutMs: 120_000, active: new Map<string, Alarm>(), raised: new Set<string>() };

  it('raise an H alarm for an order still sent past the deadline, not before', () => {
    const orders = [order('sent')];
    expect(evaluateOrderTimeouts({ ...base, now: SENT_AT + 119_999, orders }).raise).toEqual([]);
    const { raise, clear } = evaluateOrderTimeouts({ ...base, now: SENT_AT + 120_000, orders });
    expect(clear).toEqual([]);
    expect(raise).toEqual([
      {
        id: orderAlarmId('fire:ord-1'),
        cause: 'order_timeout',
        agency: 'fire',
        status: 'active',
        level: 'H',
        peak: 'H',
        raisedAt: SENT_AT + 120_000,
        updatedAt: SENT_AT + 120_000,
      },
    ]);
  });

  it('raise each alarm once, even after it was cleared', () => {
    const now = SENT_AT + 500_000;
    const raised = new Set([orderAlarmId('fire:ord-1')]);
    expect(evaluateOrderTimeouts({ ...base, raised, now, orders: [order('sent')] })).toEqual({
      raise: [],
      clear: [],
    });
  });

  it('clear the alarm once the order is answered', () => {
    const now = SENT_AT + 200_000;
    const raisedAt = SENT_AT + 120_000;
    const { raise } = evaluateOrderTimeouts({ ...base, now: raisedAt, orders: [order('sent')] });
    const alarm = raise[0]!;
    const active = new Map([[alarm.id, alarm]]);
    const { clear } = evaluateOrderTimeouts({ ...base, active, now, orders: [order('refused')] });
    expect(clear).toEqual([{ ...alarm, status: 'cleared', updatedAt: now, clearedAt: now }]);
  });
});

describe('an order as the agency receives it', () => {
  it('names the order and resource by the agency’s own ids, times in RFC 3339', () => {
    expect(toOrderNotice({ ...order('sent'), note: 'go' })).toEqual({
      id: 'ord-1',
      kind: 'dispatch',
      resourceId: 'FE-1',
      incidentId: 'police:INC-1',
      note: 'go',
      by: 'commander-1',
      sentAt: new Date(SENT_AT).toISOString(),
    });
  });

  it('has an id derived from the command, valid as an agency id', () => {
    const id = orderIdFor('fire', 'a-command-id-that-is-long', 2);
    expect(id).toBe(orderIdFor('fire', 'a-command-id-that-is-long', 2));
    expect(id).toMatch(/^fire:ord-[0-9a-f]{16}-2$/);
    expect(orderIdFor('fire', 'another-command', 2)).not.toBe(id);
  });
});
