import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '@cc/shared/node';
import { handleDispatch } from '../../ingest/src/commands/dispatch';
import type { FeedContext } from '../../ingest/src/feeds/context';
import { pruneRemoved } from '../../ingest/src/sweepers/prune';
import { BROKERS } from '../helpers/brokers';
import { jsonWarning } from '../helpers/cap-fixtures';
import { COMMANDER, commandId, startOrdersHarness, type OrdersHarness } from '../helpers/orders';
import { waitFor } from '../helpers/wait';

const DAY = 86_400_000;
/** The default past bounds, as a deployment runs them. */
const BOUNDS = { MAX_PAST_EVENT_S: String(30 * 86_400), MAX_PAST_TELEMETRY_S: String(7 * 86_400) };

/**
 * Every removed entity left keys behind for good: the observation time of a cancelled warning
 * and its message ids in `warning:refs`, finished orders, the GEO member and position of a unit
 * no longer stored. They are pruned — but a removed entity's observation time is the tombstone
 * that refuses a late copy of an older message (which would bring the entity back), so it is kept
 * until that copy is older than its kind's past bound, and refused by the bound instead.
 */
describe.each(BROKERS)('on $name: removed entities', (broker) => {
  let h: OrdersHarness;
  beforeAll(async () => {
    h = await startOrdersHarness('prune', broker, BOUNDS);
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Everything that still names an entity no longer stored (none, once pruned). */
  async function leftovers(redis: Redis) {
    const { keys } = h;
    const found: string[] = [];
    for (const kind of ['warning', 'order', 'incident', 'resource', 'alarm'] as const) {
      const [obs, state] = await Promise.all([
        redis.hKeys(keys.obs(kind)),
        redis.hKeys(keys.state(kind)),
      ]);
      for (const id of obs) if (!state.includes(id)) found.push(`obs:${kind} ${id}`);
    }
    const [refs, warnings, members, positions, units] = await Promise.all([
      redis.hGetAll(keys.warningRefs),
      redis.hKeys(keys.state('warning')),
      redis.zRange(keys.geoResource, 0, -1),
      redis.hKeys(keys.state('position')),
      redis.hKeys(keys.state('resource')),
    ]);
    for (const [ref, root] of Object.entries(refs)) {
      if (!warnings.includes(root)) found.push(`warning:refs ${ref}`);
    }
    for (const id of [...members, ...positions]) {
      if (!units.includes(id)) found.push(`unit ${id}`);
    }
    return found.sort();
  }

  it('are pruned once a late copy is refused by the past bound anyway', async () => {
    const fire = await h.agency('xinbei-fire');
    const [kept, removed, finished] = await Promise.all([
      fire.registerUnit('FE-KEPT'),
      fire.registerUnit('FE-GONE'),
      fire.registerUnit('FE-DONE'),
    ]);
    await fire.publish('resource', {
      id: 'FE-GONE',
      ts: new Date().toISOString(),
      location: { type: 'Point', coordinates: [119.97, 31.8] },
    });
    await waitFor(() => h.redis.hGet(h.keys.state('position'), removed), 'position stored');
    const incidentId = await fire.registerIncident();
    await waitFor(() => h.redis.hGet(h.keys.state('incident'), incidentId), 'incident readable');
    const dispatched = await handleDispatch(
      h.ctx,
      { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [finished] },
      COMMANDER,
    );
    expect(dispatched).toMatchObject({ eventIds: expect.any(Array) });
    const [notice] = await waitFor(() => fire.received().length > 0 && fire.received(), 'order');
    const orderId = `xinbei-fire:${notice!.notice.id}`;
    await fire.answer(notice!.notice.id, 'done');
    await waitFor(async () => (await h.order(orderId))?.status === 'done', 'order done');

    // A warning, updated, then cancelled.
    const t0 = Date.now() - 600_000;
    const at = (ms: number) => new Date(ms).toISOString();
    const expires = at(t0 + 6 * 3_600_000);
    const warningId = 'xinbei-fire:CZ-FOG-1';
    const alert = jsonWarning('CZ-FOG-1', at(t0), expires);
    await fire.publish('warning', alert);
    await fire.publish('warning', {
      ...jsonWarning('CZ-FOG-2', at(t0 + 60_000), expires),
      msgType: 'update',
      references: ['CZ-FOG-1'],
    });
    await fire.publish('warning', {
      id: 'CZ-FOG-3',
      ts: at(t0 + 120_000),
      msgType: 'cancel',
      references: ['CZ-FOG-2'],
    });
    await waitFor(
      async () => (await h.events()).some((e) => e.op === 'remove' && e.entityId === warningId),
      'warning cancelled',
    );
    // No feed message removes a unit; an operator may, by hand.
    await h.redis.hDel(h.keys.state('resource'), removed);

    // The finished order is still stored; the rest names what is gone.
    expect(await leftovers(h.redis)).toEqual([
      `obs:resource ${removed}`,
      `obs:warning ${warningId}`,
      `unit ${removed}`,
      `unit ${removed}`,
      'warning:refs xinbei-fire:CZ-FOG-1',
      'warning:refs xinbei-fire:CZ-FOG-2',
      'warning:refs xinbei-fire:CZ-FOG-3',
    ]);
    expect(await h.order(orderId)).toMatchObject({ status: 'done' });

    // Today: the unit's leftovers go at once (nothing refers to them); the warning's tombstone
    // stays, and refuses a late copy of its alert, which would otherwise bring it back.
    // Pruned as ingest does, with the default bounds (the harness's context widens them).
    const ctx: FeedContext = {
      ...h.ctx,
      config: { ...h.ctx.config, MAX_PAST_EVENT_S: 30 * 86_400, MAX_PAST_TELEMETRY_S: 7 * 86_400 },
    };
    expect(await pruneRemoved(ctx)).toMatchObject({ orders: 0, tombstones: 0, refs: 0 });
    const before = (await h.rejects()).length;
    await fire.publish('warning', alert);
    const [late] = await waitFor(async () => {
      const all = await h.rejects();
      return all.length > before && all.slice(before);
    }, 'late copy refused');
    expect(late).toMatchObject({ code: 'feed.stale', id: 'CZ-FOG-1' });
    expect(await h.redis.hGet(h.keys.state('warning'), warningId)).toBeNull();

    // Past the event bound (30 days, and the margin): the copy would be refused as too old, so
    // the tombstone, the message ids and the finished order go; the order with a remove event.
    const later = { ...ctx, now: () => Date.now() + 31 * DAY };
    expect(await pruneRemoved(later)).toMatchObject({ orders: 1, refs: 3 });
    expect(await leftovers(h.redis)).toEqual([`obs:resource ${removed}`]);
    expect(await h.order(orderId)).toBeUndefined();
    expect((await h.events()).at(-1)).toMatchObject({
      kind: 'order',
      op: 'remove',
      entityId: orderId,
    });
    // A registration's tombstone is kept for its own bound (10 years).
    const decade = { ...ctx, now: () => Date.now() + 3_651 * DAY };
    await pruneRemoved(decade);
    expect(await leftovers(h.redis)).toEqual([]);
    // What is still stored is untouched.
    expect(await h.resource(kept)).toBeDefined();
    expect(await h.redis.zRange(h.keys.geoResource, 0, -1)).toEqual(
      expect.arrayContaining([kept, finished]),
    );
    expect(await h.redis.hGet(h.keys.state('incident'), incidentId)).not.toBeNull();
  });
});
