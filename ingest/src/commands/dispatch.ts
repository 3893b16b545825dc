import { createHash } from 'node:crypto';
import {
  Incident,
  Order,
  Resource,
  type OrderNotice,
  type ResourceStatus,
  type UnitRefusal,
} from '@cc/shared';
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
 * it read again. An order already there (the command applied before) is returned as it is; a
 * resource that is gone or taken meanwhile comes back as a refusal.
 */
async function dispatchOne(
  ctx: CommandContext,
  order: Order,
): Promise<{ order: Order; eventIds: string[] } | { refusal: UnitRefusal }> {
  const { redis, keys } = ctx;
  const resourceId = order.resourceId;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const existing = await readJson(ctx, 'order', order.id, Order);
    if (existing) return { order: existing, eventIds: [] };
    const [resource, obs] = await Promise.all([
      readJson(ctx, 'resource', resourceId, Resource),
      redis.hGet(keys.obs('resource'), resourceId),
    ]);
    if (!resource) return { refusal: { resourceId, code: 'dispatch.unit_unknown' } };
    if (resource.status !== 'available')
      return { refusal: { resourceId, code: 'dispatch.unit_busy', status: resource.status } };
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
  return { refusal: { resourceId, code: 'dispatch.unit_changing' } };
}

/** A refused unit in a developer's words (logs, REST); screens word the code themselves. */
function describeRefusal(r: UnitRefusal): string {
  switch (r.code) {
    case 'dispatch.unit_busy':
      return `resource ${r.resourceId} is ${r.status ?? 'busy'}, not available`;
    case 'dispatch.unit_unknown':
      return `no resource ${r.resourceId}`;
    case 'dispatch.unit_changing':
      return `resource ${r.resourceId} kept changing; try again`;
  }
}

/**
 * `dispatch`: one order per resource to the agency that owns it (QoS 1 on `{root}/{agency}/orders`);
 * each resource becomes `dispatched`. The units still free go out; a unit taken meanwhile (or
 * unknown) is left out and listed in `refused` with its code. Only when none could go is the
 * command refused, with every unit's reason.
 */
export const handleDispatch: CommandHandler<'dispatch'> = async (ctx, command, identity) => {
  const { redis, keys } = ctx;
  const incident = await readJson(ctx, 'incident', command.incidentId, Incident);
  if (!incident) {
    return failure('command.unknown_entity', `no incident ${command.incidentId}`, ['incidentId']);
  }
  const now = ctx.now();
  const ids = [...new Set(command.resourceIds)];
  const refused: UnitRefusal[] = [];
  const planned: Order[] = [];
  for (const [i, resourceId] of ids.entries()) {
    const resource = await readJson(ctx, 'resource', resourceId, Resource);
    if (!resource) {
      refused.push({ resourceId, code: 'dispatch.unit_unknown' });
      continue;
    }
    const order = newOrder('dispatch', orderIdFor(resource.agency, command.commandId, i + 1), {
      resource,
      note: command.note,
      by: identity.sub,
      now,
      incidentId: command.incidentId,
    });
    // Applied before (a crash part-way): its orders stand whatever the units do now.
    const replay = await redis.hExists(keys.state('order'), order.id);
    if (!replay && resource.status !== 'available') {
      refused.push({ resourceId, code: 'dispatch.unit_busy', status: resource.status });
      continue;
    }
    planned.push(order);
  }
  const eventIds: string[] = [];
  let given = 0;
  for (const order of planned) {
    const done = await dispatchOne(ctx, order);
    if ('refusal' in done) {
      refused.push(done.refusal);
      continue;
    }
    given += 1;
    eventIds.push(...done.eventIds);
    // Sent again when the command is applied again: the agency may not have had it (QoS 1).
    if (done.order.status === 'sent') publishOrder(ctx, done.order, incident);
  }
  refused.sort((a, b) => ids.indexOf(a.resourceId) - ids.indexOf(b.resourceId));
  if (given === 0) {
    const first = refused[0]!;
    const code = refused.every((r) => r.code === 'dispatch.unit_unknown')
      ? 'command.unknown_entity'
      : 'command.stale';
    return {
      ...failure(code, `no unit dispatched: ${refused.map(describeRefusal).join('; ')}`, [
        'resourceIds',
        command.resourceIds.indexOf(first.resourceId),
      ]),
      refused,
    };
  }
  return refused.length === 0 ? { eventIds } : { eventIds, refused };
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
