import { z } from 'zod';
import type { Resource } from '../model/entities';

/** One item a depot holds: how many, in what unit, and the level below which it is short. */
export const StockLine = z.object({
  item: z.string(),
  quantity: z.number(),
  unit: z.string(),
  /** 最低储备: below this the depot raises a low-stock alarm. Absent: never short. */
  minimum: z.number().optional(),
});
export type StockLine = z.infer<typeof StockLine>;

/** What last changed a ledger: the depot's own count (`seed`), or a command. */
export const StockChange = z.object({
  op: z.enum(['seed', 'issue', 'replenish']),
  /** Absent for a seed (the whole inventory). */
  item: z.string().optional(),
  quantity: z.number().optional(),
  by: z.string(),
  at: z.number(),
  note: z.string().optional(),
  incidentId: z.string().optional(),
});
export type StockChange = z.infer<typeof StockChange>;

/**
 * A material depot's stock ledger (救灾物资储备), id = the depot's resource id. Seeded from the
 * depot's `inventory` in its resource messages (items the ledger does not hold yet; unit and
 * minimum follow the feed), then changed only by `stock.issue` (发放) and `stock.replenish` (补充).
 */
export const StockLedger = z.object({
  id: z.string(),
  agency: z.string(),
  name: z.string(),
  location: z.tuple([z.number(), z.number()]),
  /** Version: epoch ms of the last change. */
  ts: z.number(),
  items: z.array(StockLine),
  last: StockChange.optional(),
});
export type StockLedger = z.infer<typeof StockLedger>;

/** True when an item is below its minimum level. */
export function isShort(line: StockLine): boolean {
  return line.minimum !== undefined && line.quantity < line.minimum;
}

/** The lines of a ledger below their minimum. */
export function shortLines(ledger: StockLedger): StockLine[] {
  return ledger.items.filter(isShort);
}

/**
 * The ledger a depot's resource message leaves: items new to the ledger come in at the depot's
 * count; items it holds keep their ledger quantity (commands changed it since) and take the
 * feed's unit and minimum. Items the depot no longer lists stay (they may have been replenished
 * by command). Undefined when nothing changes. Pure.
 */
export function seedLedger(
  prev: StockLedger | undefined,
  depot: Pick<Resource, 'id' | 'agency' | 'name' | 'location' | 'inventory'>,
  at: number,
): StockLedger | undefined {
  const items = prev ? prev.items.map((l) => ({ ...l })) : [];
  for (const line of depot.inventory ?? []) {
    const held = items.find((l) => l.item === line.item);
    if (held) {
      held.unit = line.unit;
      if (line.minimum === undefined) delete held.minimum;
      else held.minimum = line.minimum;
    } else {
      items.push({
        item: line.item,
        quantity: line.quantity,
        unit: line.unit,
        ...(line.minimum === undefined ? {} : { minimum: line.minimum }),
      });
    }
  }
  const next: StockLedger = {
    id: depot.id,
    agency: depot.agency,
    name: depot.name,
    location: depot.location,
    ts: at,
    items,
    last: { op: 'seed', by: depot.agency, at },
  };
  if (
    prev &&
    prev.name === next.name &&
    prev.location[0] === next.location[0] &&
    prev.location[1] === next.location[1] &&
    JSON.stringify(prev.items) === JSON.stringify(next.items)
  ) {
    return undefined;
  }
  return next;
}

export type StockMove =
  | { op: 'issue'; item: string; quantity: number }
  | { op: 'replenish'; item: string; quantity: number; unit?: string; minimum?: number };

export type StockRefusal =
  | { reason: 'below_zero'; item: string; have: number; asked: number; unit: string }
  | { reason: 'unknown_item'; item: string }
  | { reason: 'unit_needed'; item: string }
  | { reason: 'unit_mismatch'; item: string; unit: string; sent: string };

/**
 * Applies an issue or a replenishment to a ledger's items: stock never goes below zero (the
 * refusal says how much is left). Replenishing an item the depot does not hold adds it (its unit
 * must be named). Pure.
 */
export function moveStock(
  items: readonly StockLine[],
  move: StockMove,
): { ok: true; items: StockLine[] } | ({ ok: false } & StockRefusal) {
  const i = items.findIndex((l) => l.item === move.item);
  const held = items[i];
  if (move.op === 'issue') {
    if (!held) return { ok: false, reason: 'unknown_item', item: move.item };
    if (held.quantity - move.quantity < 0) {
      return {
        ok: false,
        reason: 'below_zero',
        item: move.item,
        have: held.quantity,
        asked: move.quantity,
        unit: held.unit,
      };
    }
    return {
      ok: true,
      items: items.map((l, j) => (j === i ? { ...l, quantity: l.quantity - move.quantity } : l)),
    };
  }
  if (!held) {
    if (move.unit === undefined) return { ok: false, reason: 'unit_needed', item: move.item };
    return {
      ok: true,
      items: [
        ...items,
        {
          item: move.item,
          quantity: move.quantity,
          unit: move.unit,
          ...(move.minimum === undefined ? {} : { minimum: move.minimum }),
        },
      ],
    };
  }
  if (move.unit !== undefined && move.unit !== held.unit) {
    return {
      ok: false,
      reason: 'unit_mismatch',
      item: move.item,
      unit: held.unit,
      sent: move.unit,
    };
  }
  return {
    ok: true,
    items: items.map((l, j) =>
      j === i
        ? {
            ...l,
            quantity: l.quantity + move.quantity,
            ...(move.minimum === undefined ? {} : { minimum: move.minimum }),
          }
        : l,
    ),
  };
}

/** A refusal in words, English then zh-CN: what the sender reads. */
export function stockRefusalMessage(r: StockRefusal): string {
  switch (r.reason) {
    case 'below_zero':
      return `not enough ${r.item} in stock: ${r.have} ${r.unit} left, ${r.asked} asked (库存不足：${r.item}仅剩${r.have}${r.unit}，申请发放${r.asked}${r.unit})`;
    case 'unknown_item':
      return `the depot holds no ${r.item} (该库无此物资：${r.item})`;
    case 'unit_needed':
      return `${r.item} is new to the depot: name its unit (新增物资须注明单位：${r.item})`;
    case 'unit_mismatch':
      return `${r.item} is counted in ${r.unit}, not ${r.sent} (${r.item}的计量单位是${r.unit}，不是${r.sent})`;
  }
}

/** The id of the low-stock alarm of one item of a depot. */
export function lowStockAlarmId(depotId: string, item: string): string {
  return `${depotId}:stock:${item}`;
}
