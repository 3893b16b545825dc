import {
  Alarm,
  StockLedger,
  isShort,
  lowStockAlarmId,
  moveStock,
  seedLedger,
  stockRefusalMessage,
  type Resource,
  type StockChange,
  type StockLine,
  type StockMove,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { CAS_ATTEMPTS, type FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { actor } from '../commands/alarm';
import type { CommandHandler, CommandOutcome } from '../commands/registry';

/** The ledger of a depot as stored, with its version (`obs:stock`), or undefined. */
async function readLedger(
  ctx: FeedContext,
  depotId: string,
): Promise<{ ledger: StockLedger | undefined; expected: number | null }> {
  const [json, obs] = await Promise.all([
    ctx.redis.hGet(ctx.keys.state('stock'), depotId),
    ctx.redis.hGet(ctx.keys.obs('stock'), depotId),
  ]);
  const parsed = json === null ? undefined : StockLedger.safeParse(JSON.parse(json));
  return {
    ledger: parsed?.success ? parsed.data : undefined,
    expected: obs === null ? null : Number(obs),
  };
}

/**
 * The low-stock alarm of an item as its line now stands: raised (level L, LL at zero) when it is
 * below its minimum, kept up to date while it stays there, cleared once it is back. Pure.
 */
export function lowStockAlarm(
  ledger: Pick<StockLedger, 'id' | 'agency'>,
  line: StockLine,
  active: Alarm | undefined,
  at: number,
): Alarm | undefined {
  const short = isShort(line);
  if (!short) {
    return active
      ? { ...active, status: 'cleared', lastValue: line.quantity, updatedAt: at, clearedAt: at }
      : undefined;
  }
  const level = line.quantity <= 0 ? 'LL' : 'L';
  if (active) {
    if (active.lastValue === line.quantity && active.level === level) return undefined;
    return {
      ...active,
      level,
      peak: active.peak === 'LL' || level === 'LL' ? 'LL' : 'L',
      lastValue: line.quantity,
      updatedAt: at,
    };
  }
  return {
    id: lowStockAlarmId(ledger.id, line.item),
    cause: 'low_stock',
    agency: ledger.agency,
    depotId: ledger.id,
    item: line.item,
    unit: line.unit,
    status: 'active',
    level,
    peak: level,
    raisedAt: at,
    raisedValue: line.quantity,
    lastValue: line.quantity,
    updatedAt: at,
  };
}

/** The alarm writes for a ledger's new lines: raise, update or clear, each an event. */
async function alarmOps(ctx: FeedContext, next: StockLedger, at: number): Promise<CommitOp[]> {
  const ids = next.items.map((l) => lowStockAlarmId(next.id, l.item));
  const stored = ids.length === 0 ? [] : await ctx.redis.hmGet(ctx.keys.state('alarm'), ids);
  const ops: CommitOp[] = [];
  next.items.forEach((line, i) => {
    const json = stored[i];
    const parsed = json ? Alarm.safeParse(JSON.parse(json)) : undefined;
    const active = parsed?.success && parsed.data.status === 'active' ? parsed.data : undefined;
    const alarm = lowStockAlarm(next, line, active, at);
    if (!alarm) return;
    ops.push(
      alarm.status === 'active'
        ? putJson(ctx.keys.state('alarm'), alarm.id, alarm)
        : { op: 'hdel', key: ctx.keys.state('alarm'), field: alarm.id },
      { op: 'hset', key: ctx.keys.obs('alarm'), field: alarm.id, value: String(at) },
      appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
    );
  });
  return ops;
}

/** Writes a ledger with a compare-and-set on `obs:stock`; the stream ids, or null on a race. */
async function writeLedger(
  ctx: FeedContext,
  next: StockLedger,
  expected: number | null,
): Promise<string[] | null> {
  const ops = await alarmOps(ctx, next, next.ts);
  const result = await commit(
    ctx.redis,
    { obsKey: ctx.keys.obs('stock'), id: next.id, ts: next.ts, expected },
    [
      putJson(ctx.keys.state('stock'), next.id, next),
      appendEvent(ctx, { kind: 'stock', op: 'upsert', data: next }),
      ...ops,
    ],
  );
  return result.status === 'ok' ? result.streamIds : null;
}

/**
 * A depot's resource message seeds its ledger: items new to it at the depot's count, unit and
 * minimum from the feed (`seedLedger`). Called after the resource was stored.
 */
export async function seedStock(ctx: FeedContext, depot: Resource): Promise<void> {
  if (depot.type !== 'material_depot' || depot.inventory === undefined) return;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const { ledger, expected } = await readLedger(ctx, depot.id);
    const at = Math.max(ctx.now(), (expected ?? 0) + 1);
    const next = seedLedger(ledger, depot, at);
    if (!next) return;
    if (await writeLedger(ctx, next, expected)) return;
  }
}

/** Applies one issue or replenishment to a depot's ledger, audited by the server. */
async function changeStock(
  ctx: FeedContext,
  depotId: string,
  move: StockMove,
  change: Omit<StockChange, 'at' | 'op' | 'item' | 'quantity'>,
): Promise<CommandOutcome> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const { ledger, expected } = await readLedger(ctx, depotId);
    if (!ledger) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no material depot ${depotId} with a stock ledger (无此物资储备库：${depotId})`,
        path: ['depotId'],
      };
    }
    const moved = moveStock(ledger.items, move);
    if (!moved.ok) {
      return {
        ok: false,
        code:
          moved.reason === 'below_zero'
            ? 'command.insufficient'
            : moved.reason === 'unknown_item'
              ? 'command.unknown_entity'
              : 'command.invalid',
        message: stockRefusalMessage(moved),
        path: [
          moved.reason === 'below_zero'
            ? 'quantity'
            : moved.reason === 'unknown_item'
              ? 'item'
              : 'unit',
        ],
      };
    }
    const at = Math.max(ctx.now(), (expected ?? 0) + 1);
    const next: StockLedger = {
      ...ledger,
      ts: at,
      items: moved.items,
      last: { ...change, op: move.op, item: move.item, quantity: move.quantity, at },
    };
    const ids = await writeLedger(ctx, next, expected);
    if (ids) return { eventIds: ids };
  }
  return {
    ok: false,
    code: 'command.stale',
    message: `depot ${depotId} kept changing; try again`,
  };
}

/** `stock.issue` (物资发放): never below zero. */
export const handleStockIssue: CommandHandler<'stock.issue'> = (ctx, command, identity) =>
  changeStock(
    ctx,
    command.depotId,
    { op: 'issue', item: command.item, quantity: command.quantity },
    {
      by: actor(identity),
      ...(command.note === undefined ? {} : { note: command.note }),
      ...(command.incidentId === undefined ? {} : { incidentId: command.incidentId }),
    },
  );

/** `stock.replenish` (物资补充): a new item needs its unit; may set the item's minimum. */
export const handleStockReplenish: CommandHandler<'stock.replenish'> = (ctx, command, identity) =>
  changeStock(
    ctx,
    command.depotId,
    {
      op: 'replenish',
      item: command.item,
      quantity: command.quantity,
      ...(command.unit === undefined ? {} : { unit: command.unit }),
      ...(command.minimum === undefined ? {} : { minimum: command.minimum }),
    },
    { by: actor(identity), ...(command.note === undefined ? {} : { note: command.note }) },
  );
