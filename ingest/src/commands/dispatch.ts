import { createHash } from 'node:crypto';
import { Incident, Order, Resource, type OrderNotice, type ResourceStatus } from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { CAS_ATTEMPTS } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import type { CommandContext, CommandFailure, CommandHandler, CommandOutcome } from './registry';

/** A resource may be recalled while it is out on an order. */
const RECALLABLE: readonly ResourceStatus[] = ['dispatched', 'en_route', 'on_scene'];

/**
 * The order a command gives a resource: `{agency}:ord-{hash of the command id}-{n}`. The same
 * command always names the same orders, so applying it again finds them instead of adding more.
 */
export function orderIdFor(agency: string, commandId: string, n: number): string {
  const hash = createHash('sha256').update(commandId).digest('hex').slice(0, 16);
  return `${agency}:ord-${hash}-${n}`;
}

const localPart = (id: string, agency: string) =>
  id.startsWith(`${agency}:`) ? id.slice(agency.length + 1) : id;

/** The incident as an order notice names it. */
export type NoticeIncident = Pick<Incident, 'title' | 'location'>;

/**
 * What the agency receives on `{root}/{agency}/orders`: its own ids, RFC 3339 times, and for a
 * dispatch where the incident is. Pure.
 */
export function toOrderNotice(order: Order, incident?: NoticeIncident): OrderNotice {
  return {
    id: localPart(order.id, order.agency),
    kind: order.kind,
    resourceId: localPart(order.resourceId, order.agency),
    ...(order.incidentId === undefined ? {} : { incidentId: order.incidentId }),
    ...(incident === undefined
      ? {}
      : {
          incidentTitle: incident.title,
          incidentLocation: { type: 'Point' as const, coordinates: incident.location },
        }),
    ...(order.note === undefined ? {} : { note: order.note }),
    by: order.by,
    sentAt: new Date(order.sentAt).toISOString(),
  };
}

function publishOrder(ctx: CommandContext, order: Order, incident?: NoticeIncident): void {
  ctx.publish(ctx.topics.orders(order.agency), JSON.stringify(toOrderNotice(order, incident)));
}

const failure = (
  code: CommandFailure['code'],
  message: string,
  path: (string | number)[],
): CommandFailure => ({ ok: false, code, message, path });

async function readJson<T>(
  ctx: CommandContext,
  kind: 'resource' | 'order' | 'incident',
  id: string,
  schema: { parse: (v: unknown) => T },
): Promise<T | undefined> {
  const json = await ctx.redis.hGet(ctx.keys.state(kind), id);
  return json ? schema.parse(JSON.parse(json)) : undefined;
}

/** The writes of a new order: its state and its event. */
function orderOps(ctx: CommandContext, order: Order): CommitOp[] {
  return [
    putJson(ctx.keys.state('order'), order.id, order),
    appendEvent(ctx, { kind: 'order', op: 'upsert', data: order }),
  ];
}

/**
 * Gives one available resource its dispatch order and marks it `dispatched`, in one commit with a
 * compare-and-set on the resource's observation time: a status report that lands in between makes
 * it read again. An order already there (the command applied before) is returned as it is.
 */
async function dispatchOne(
  ctx: CommandContext,
  order: Order,
  path: (string | number)[],
): Promise<{ order: Order; eventIds: string[] } | CommandFailure> {
  const { redis, keys } = ctx;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const existing = await readJson(ctx, 'order', order.id, Order);
    if (existing) return { order: existing, eventIds: [] };
    const [resource, obs] = await Promise.all([
      readJson(ctx, 'resource', order.resourceId, Resource),
      redis.hGet(keys.obs('resource'), order.resourceId),
    ]);
    if (!resource)
      return failure('command.unknown_entity', `no resource ${order.resourceId}`, path);
    if (resource.status !== 'available') {
      return failure(
        'command.stale',
        `resource ${order.resourceId} is ${resource.status}, not available`,
        path,
      );
    }
    const expected = obs === null || obs === undefined ? null : Number(obs);
    const data: Resource = {
      ...resource,
      status: 'dispatched',
      ts: Math.max(order.ts, (expected ?? 0) + 1),
    };
    const result = await commit(
      redis,
      { obsKey: keys.obs('resource'), id: data.id, ts: data.ts, expected },
      [
        ...orderOps(ctx, order),
        // Guarded by the resource here; the order's answers are ordered by `obs:order`.
        { op: 'hset', key: keys.obs('order'), field: order.id, value: String(order.ts) },
        putJson(keys.state('resource'), data.id, data),
        appendEvent(ctx, { kind: 'resource', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') return { order, eventIds: result.streamIds };
  }
  return failure('command.stale', `resource ${order.resourceId} kept changing; try again`, path);
}

/**
 * `dispatch`: one order per resource to the agency that owns it (QoS 1 on `{root}/{agency}/orders`);
 * each resource becomes `dispatched`. Every resource is checked before anything is written.
 */
export const handleDispatch: CommandHandler<'dispatch'> = async (ctx, command, identity) => {
  const { redis, keys } = ctx;
  const incident = await readJson(ctx, 'incident', command.incidentId, Incident);
  if (!incident) {
    return failure('command.unknown_entity', `no incident ${command.incidentId}`, ['incidentId']);
  }
  const now = ctx.now();
  const ids = [...new Set(command.resourceIds)];
  const planned: { order: Order; path: (string | number)[] }[] = [];
  for (const [i, resourceId] of ids.entries()) {
    const path = ['resourceIds', command.resourceIds.indexOf(resourceId)];
    const resource = await readJson(ctx, 'resource', resourceId, Resource);
    if (!resource) return failure('command.unknown_entity', `no resource ${resourceId}`, path);
    const order = newOrder('dispatch', orderIdFor(resource.agency, command.commandId, i + 1), {
      resource,
      note: command.note,
      by: identity.sub,
      now,
      incidentId: command.incidentId,
    });
    const replay = await redis.hExists(keys.state('order'), order.id);
    if (!replay && resource.status !== 'available') {
      return failure(
        'command.stale',
        `resource ${resourceId} is ${resource.status}, not available`,
        path,
      );
    }
    planned.push({ order, path });
  }
  const eventIds: string[] = [];
  for (const { order, path } of planned) {
    const done = await dispatchOne(ctx, order, path);
    // Only a race with a status report gets here; orders already given stand, and were sent.
    if ('ok' in done) return done;
    eventIds.push(...done.eventIds);
    // Sent again when the command is applied again: the agency may not have had it (QoS 1).
    if (done.order.status === 'sent') publishOrder(ctx, done.order, incident);
  }
  return { eventIds };
};

/** `recall`: an order to the owning agency to bring back a unit that is out on an order. */
export const handleRecall: CommandHandler<'recall'> = async (
  ctx,
  command,
  identity,
): Promise<CommandOutcome> => {
  const { redis, keys } = ctx;
  const path = ['resourceId'];
  const resource = await readJson(ctx, 'resource', command.resourceId, Resource);
  if (!resource)
    return failure('command.unknown_entity', `no resource ${command.resourceId}`, path);
  const id = orderIdFor(resource.agency, command.commandId, 1);
  const existing = await readJson(ctx, 'order', id, Order);
  if (existing) {
    if (existing.status === 'sent') publishOrder(ctx, existing);
    return { eventIds: [] };
  }
  if (!RECALLABLE.includes(resource.status)) {
    return failure('command.stale', `resource ${resource.id} is ${resource.status}`, path);
  }
  const now = ctx.now();
  const order = newOrder('recall', id, { resource, note: command.note, by: identity.sub, now });
  const result = await commit(
    redis,
    { obsKey: keys.obs('order'), id, ts: now, expected: null },
    orderOps(ctx, order),
  );
  // Lost the race to the same command applied by another worker: that one sent it.
  if (result.status !== 'ok') return { eventIds: [] };
  publishOrder(ctx, order);
  return { eventIds: result.streamIds };
};

/** A fresh order, `sent` now, to the agency that owns the resource. */
function newOrder(
  kind: Order['kind'],
  id: string,
  o: { resource: Resource; note: string | undefined; by: string; now: number; incidentId?: string },
): Order {
  return {
    id,
    agency: o.resource.agency,
    kind,
    ...(o.incidentId === undefined ? {} : { incidentId: o.incidentId }),
    resourceId: o.resource.id,
    status: 'sent',
    ...(o.note === undefined ? {} : { note: o.note }),
    by: o.by,
    sentAt: o.now,
    updatedAt: o.now,
    ts: o.now,
  };
}
