import { Order, type OrderStatus } from '@cc/shared';
import { commit, dropOrphans, type StateKind } from '@cc/shared/node';
import { pastBoundMs, type PastBound } from '../feeds/decode';
import type { FeedContext } from '../feeds/context';
import { appendEvent } from '../store/ops';

/**
 * How long past its kind's bound a tombstone is kept: ingest workers' clocks may differ a little,
 * and a message the tombstone would refuse must be refused by the past bound on every one of them.
 */
export const PRUNE_MARGIN_MS = 3_600_000;

/** Kinds whose removed entities leave an `obs:{kind}` entry behind, and the bound of each. */
const TOMBSTONES: readonly [StateKind, PastBound][] = [
  ['warning', 'event'],
  ['alarm', 'event'],
  ['incident', 'event'],
  ['order', 'event'],
  ['hazard', 'registration'],
  ['place', 'registration'],
  ['camera', 'registration'],
  ['riskarea', 'registration'],
  ['resource', 'registration'],
];

/** An order nothing more can happen to. */
const FINISHED: readonly OrderStatus[] = ['done', 'refused'];

export interface Pruned {
  orders: number;
  tombstones: number;
  refs: number;
  orphans: number;
}

/**
 * Observation times of removed entities (`obs:{kind}` entries without state) older than
 * `cutoff`: each is the tombstone that refuses a late copy of an older message, and past the
 * kind's bound the bound refuses that copy by itself. Pure.
 */
export function expiredTombstones(
  obs: Readonly<Record<string, string>>,
  stored: ReadonlySet<string>,
  cutoff: number,
): { id: string; ts: number }[] {
  const out: { id: string; ts: number }[] = [];
  for (const id in obs) {
    const ts = Number(obs[id]);
    if (!stored.has(id) && ts < cutoff) out.push({ id, ts });
  }
  return out;
}

/** Deletes `id`'s entry of `obsKey` if it is still `ts` (nobody wrote the entity meanwhile). */
async function dropTombstone(ctx: FeedContext, obsKey: string, id: string, ts: number) {
  const guard = { obsKey, id, ts: ts + 1, expected: ts };
  const result = await commit(ctx.redis, guard, [{ op: 'hdel', key: obsKey, field: id }]);
  return result.status === 'ok' ? 1 : 0;
}

/**
 * Finished orders (done or refused) once their last answer is older than the event bound: state,
 * observation time and a `remove` event in one commit, on condition that nothing wrote the order
 * meanwhile. An answer to one that arrives later is older than the bound and refused as such.
 */
async function pruneOrders(ctx: FeedContext, cutoff: number): Promise<number> {
  const { redis, keys } = ctx;
  const [json = {}, obs = {}] = (await redis
    .multi()
    .hGetAll(keys.state('order'))
    .hGetAll(keys.obs('order'))
    .exec()) as unknown as Record<string, string>[];
  const done = await Promise.all(
    Object.entries(json).map(async ([id, text]) => {
      const parsed = Order.safeParse(JSON.parse(text));
      const ts = Number(obs[id]);
      if (!parsed.success || !FINISHED.includes(parsed.data.status) || !(ts < cutoff)) return 0;
      const result = await commit(
        redis,
        { obsKey: keys.obs('order'), id, ts: ts + 1, expected: ts },
        [
          { op: 'hdel', key: keys.state('order'), field: id },
          appendEvent(ctx, { kind: 'order', op: 'remove', entityId: id }),
          { op: 'hdel', key: keys.obs('order'), field: id },
        ],
      );
      return result.status === 'ok' ? 1 : 0;
    }),
  );
  return done.reduce<number>((a, b) => a + b, 0);
}

/**
 * Keys that would otherwise grow with every entity ever removed. Run by one sweeper every few
 * minutes on every worker; each deletion is conditional, so workers pruning at once do no harm.
 *  - finished orders past the event bound (with a `remove` event, so screens drop them too);
 *  - tombstones: `obs:{kind}` entries of removed entities (cancelled or expired warnings, cleared
 *    alarms…) past their kind's bound (see `expiredTombstones`);
 *  - `warning:refs` entries whose warning is gone, state and tombstone;
 *  - `geo:resource` members, positions and their observation times of units no longer stored.
 */
export async function pruneRemoved(ctx: FeedContext): Promise<Pruned> {
  const { redis, keys } = ctx;
  const now = ctx.now();
  const cutoff = (bound: PastBound) => now - pastBoundMs(ctx.config, bound) - PRUNE_MARGIN_MS;
  const pruned: Pruned = { orders: 0, tombstones: 0, refs: 0, orphans: 0 };

  pruned.orders = await pruneOrders(ctx, cutoff('event'));

  for (const [kind, bound] of TOMBSTONES) {
    const [obs = {}, ids = []] = (await redis
      .multi()
      .hGetAll(keys.obs(kind))
      .hKeys(keys.state(kind))
      .exec()) as unknown as [Record<string, string>, string[]];
    const expired = expiredTombstones(obs, new Set(ids), cutoff(bound));
    const dropped = await Promise.all(
      expired.map(({ id, ts }) => dropTombstone(ctx, keys.obs(kind), id, ts)),
    );
    pruned.tombstones += dropped.reduce<number>((a, b) => a + b, 0);
  }

  // Message ids of warnings gone for good: neither shown nor remembered by a tombstone.
  const refs = await redis.hGetAll(keys.warningRefs);
  const roots = [...new Set(Object.values(refs))];
  if (roots.length > 0) {
    const [shown, remembered] = (await redis
      .multi()
      .hmGet(keys.state('warning'), roots)
      .hmGet(keys.obs('warning'), roots)
      .exec()) as unknown as [(string | null)[], (string | null)[]];
    const gone = new Set(roots.filter((_, i) => shown[i] === null && remembered[i] === null));
    const fields = Object.keys(refs).filter((f) => gone.has(refs[f]!));
    if (fields.length > 0) pruned.refs = await redis.hDel(keys.warningRefs, fields);
  }

  // What indexes or places a unit that is no longer stored.
  const [members = [], positions = [], units = []] = (await redis
    .multi()
    .zRange(keys.geoResource, 0, -1)
    .hKeys(keys.state('position'))
    .hKeys(keys.state('resource'))
    .exec()) as unknown as string[][];
  const registered = new Set(units);
  const orphans = [...new Set([...members, ...positions])].filter((id) => !registered.has(id));
  pruned.orphans = await dropOrphans(
    redis,
    keys.state('resource'),
    [keys.geoResource, keys.state('position'), keys.obs('position')],
    orphans,
  );

  const total = pruned.orders + pruned.tombstones + pruned.refs + pruned.orphans;
  if (total > 0) ctx.log.info({ pruned }, 'removed entities pruned');
  return pruned;
}
