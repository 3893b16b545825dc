import { describe, expect, it } from 'vitest';
import {
  isShort,
  moveStock,
  seedLedger,
  stockRefusalMessage,
  type StockLedger,
  type StockLine,
} from '@cc/shared';
import { lowStockAlarm } from '../../ingest/src/stock/ledger';

const tents: StockLine = { item: '帐篷', quantity: 10, unit: '顶', minimum: 5 };
const bags: StockLine = { item: '沙袋', quantity: 2000, unit: '条' };
const depot = {
  id: 'civil:depot-1',
  agency: 'civil',
  name: '市救灾物资储备库',
  location: [119.95, 31.78] as [number, number],
};

describe('stock arithmetic', () => {
  it('an issue takes items away and leaves the other lines as they were', () => {
    const r = moveStock([tents, bags], { op: 'issue', item: '帐篷', quantity: 4 });
    expect(r).toEqual({ ok: true, items: [{ ...tents, quantity: 6 }, bags] });
  });

  it('an issue down to exactly zero is allowed; one past zero is refused with what is left', () => {
    expect(moveStock([tents], { op: 'issue', item: '帐篷', quantity: 10 })).toEqual({
      ok: true,
      items: [{ ...tents, quantity: 0 }],
    });
    const r = moveStock([tents], { op: 'issue', item: '帐篷', quantity: 11 });
    expect(r).toEqual({
      ok: false,
      reason: 'below_zero',
      item: '帐篷',
      have: 10,
      asked: 11,
      unit: '顶',
    });
    if (r.ok) throw new Error('unreachable');
    expect(stockRefusalMessage(r)).toBe(
      'not enough 帐篷 in stock: 10 顶 left, 11 asked (库存不足：帐篷仅剩10顶，申请发放11顶)',
    );
  });

  it('issuing an item the depot does not hold is refused', () => {
    expect(moveStock([tents], { op: 'issue', item: '救生衣', quantity: 1 })).toMatchObject({
      ok: false,
      reason: 'unknown_item',
    });
  });

  it('a replenishment adds to the line, may set its minimum, and must keep its unit', () => {
    expect(moveStock([tents], { op: 'replenish', item: '帐篷', quantity: 5, minimum: 8 })).toEqual({
      ok: true,
      items: [{ ...tents, quantity: 15, minimum: 8 }],
    });
    expect(
      moveStock([tents], { op: 'replenish', item: '帐篷', quantity: 5, unit: '件' }),
    ).toMatchObject({ ok: false, reason: 'unit_mismatch', unit: '顶', sent: '件' });
  });

  it('replenishing a new item adds a line, and needs its unit', () => {
    expect(moveStock([], { op: 'replenish', item: '救生衣', quantity: 30 })).toMatchObject({
      ok: false,
      reason: 'unit_needed',
    });
    expect(moveStock([], { op: 'replenish', item: '救生衣', quantity: 30, unit: '件' })).toEqual({
      ok: true,
      items: [{ item: '救生衣', quantity: 30, unit: '件' }],
    });
  });

  it('an item is short only below its minimum', () => {
    expect(isShort({ ...tents, quantity: 5 })).toBe(false);
    expect(isShort({ ...tents, quantity: 4 })).toBe(true);
    expect(isShort({ ...bags, quantity: 0 })).toBe(false);
  });
});

describe('seeding a ledger from the depot feed', () => {
  it('takes the depot count for new items and keeps the ledger count of items it holds', () => {
    const first = seedLedger(undefined, { ...depot, inventory: [tents] }, 1000)!;
    expect(first.items).toEqual([tents]);
    const issued: StockLedger = { ...first, items: [{ ...tents, quantity: 3 }] };
    const again = seedLedger(
      issued,
      { ...depot, inventory: [{ ...tents, quantity: 10, minimum: 2 }, bags] },
      2000,
    )!;
    expect(again.items).toEqual([{ ...tents, quantity: 3, minimum: 2 }, bags]);
    expect(again.last).toEqual({ op: 'seed', by: 'civil', at: 2000 });
  });

  it('changes nothing when the depot repeats what the ledger holds', () => {
    const first = seedLedger(undefined, { ...depot, inventory: [tents] }, 1000)!;
    expect(seedLedger(first, { ...depot, inventory: [tents] }, 2000)).toBeUndefined();
  });
});

describe('the low-stock alarm', () => {
  it('is raised below the minimum (LL at zero), follows the quantity, and clears once replenished', () => {
    const raised = lowStockAlarm(depot, { ...tents, quantity: 4 }, undefined, 10)!;
    expect(raised).toMatchObject({
      id: 'civil:depot-1:stock:帐篷',
      cause: 'low_stock',
      depotId: 'civil:depot-1',
      item: '帐篷',
      status: 'active',
      level: 'L',
      lastValue: 4,
    });
    const empty = lowStockAlarm(depot, { ...tents, quantity: 0 }, raised, 20)!;
    expect(empty).toMatchObject({ level: 'LL', peak: 'LL', lastValue: 0, raisedAt: 10 });
    expect(lowStockAlarm(depot, { ...tents, quantity: 0 }, empty, 30)).toBeUndefined();
    const cleared = lowStockAlarm(depot, { ...tents, quantity: 9 }, empty, 40)!;
    expect(cleared).toMatchObject({ status: 'cleared', clearedAt: 40, lastValue: 9 });
    expect(lowStockAlarm(depot, { ...tents, quantity: 9 }, undefined, 50)).toBeUndefined();
  });
});
