import { z } from 'zod';
import {
  FeedError,
  PositionMessage,
  RESOURCE_ONLY_KEYS,
  ResourceMessage,
  entityId,
  type IssuePath,
  type Position,
  type Resource,
} from '@cc/shared';
import { commit, prepareBatch, type CommitOp, type CommitUnit, type Keys } from '@cc/shared/node';
import { toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { appendEvent, putJson } from '../store/ops';
import { eachItem, flagged, staleError } from './upsert';
import { pointOutside } from './service-area';
import { seedStock } from '../stock/ledger';
import {
  FIRST_BATCH,
  type BatchOrder,
  type FeedContext,
  type FeedHandler,
  type Outcome,
} from './context';

/** A full resource message names what the unit is; a position-only update never does. */
function isFullResource(item: unknown): boolean {
  return typeof item === 'object' && item !== null && RESOURCE_ONLY_KEYS.some((key) => key in item);
}

/** The stored resource: `{agency}:{id}`, epoch ms, its location in WGS-84. */
export function toResource(
  agency: string,
  msg: ResourceMessage,
  ts: number,
  at: IssuePath,
): Resource {
  // `fields` still holds the sent `ts`; the epoch ms below replaces it.
  const { id, crs, location, ...fields } = msg;
  return {
    ...fields,
    id: entityId(agency, id),
    agency,
    ts,
    location: toWgs84(location.coordinates, crs, [...at, 'location', 'coordinates']),
  };
}

export function toPosition(
  agency: string,
  msg: PositionMessage,
  ts: number,
  at: IssuePath,
): Position {
  return {
    id: entityId(agency, msg.id),
    ts,
    location: toWgs84(msg.location.coordinates, msg.crs, [...at, 'location', 'coordinates']),
    ...(msg.heading === undefined ? {} : { heading: msg.heading }),
    ...(msg.speed === undefined ? {} : { speed: msg.speed }),
  };
}

const APPLIED: Outcome = Object.freeze({ status: 'applied' });

/** Keeps `geo:resource` at the unit's latest position, in the same commit as the write. */
function geoOp(keys: Keys, id: string, [lon, lat]: readonly [number, number]): CommitOp {
  return { op: 'geoadd', key: keys.geoResource, lon, lat, member: id };
}

/** Like `commitUpsert`, plus the GEO index of resources. */
async function writeResource(
  ctx: FeedContext,
  data: Resource,
  localId: string,
  at: IssuePath,
): Promise<Outcome> {
  const { keys } = ctx;
  const result = await commit(
    ctx.redis,
    { obsKey: keys.obs('resource'), id: data.id, ts: data.ts },
    [
      putJson(keys.state('resource'), data.id, data),
      appendEvent(ctx, { kind: 'resource', op: 'upsert', data }),
      geoOp(keys, data.id, data.location),
    ],
  );
  if (result.status === 'ok') return { status: 'applied' };
  if (result.stored === data.ts) return { status: 'duplicate' };
  return { status: 'rejected', id: localId, error: staleError(data.ts, result.stored, at) };
}

/** A valid position, with where it came from: the `message` it was in and its path there. */
export interface PositionItem {
  message: number;
  path: IssuePath;
  position: Position;
}

/**
 * Positions are telemetry: latest wins, no event. One older than the stored one arrived late (a
 * tracker's backlog) and changes nothing, like a late reading; it is not refused. A position of
 * a unit nobody registered by a full message is refused: it would put an anonymous dot on the
 * wall. Many positions go to Redis in one script call per few hundred; returns one outcome per
 * position, in order.
 */
export async function writePositions(
  ctx: FeedContext,
  items: readonly PositionItem[],
  order: BatchOrder = FIRST_BATCH,
): Promise<Outcome[]> {
  const { redis, keys } = ctx;
  if (items.length === 0) return [];
  await order.readAfter;
  // A unit is registered when obs:resource holds it (written in the same commit as every full
  // resource message): checked in the script, so no read waits behind the writes queued ahead.
  const units: CommitUnit[] = items.map(({ position }) => ({
    guard: { obsKey: keys.obs('position'), id: position.id, ts: position.ts },
    checks: [{ key: keys.obs('resource'), field: position.id, present: true }],
    ops: [
      // The state and the telemetry entry `{ position }` (TelemetryEntry), the JSON made once.
      {
        op: 'telemetry',
        key: keys.state('position'),
        stream: keys.telemetry,
        maxlen: ctx.config.TELEMETRY_MAXLEN,
        countKey: keys.telemetryAdded,
        name: 'position',
        value: JSON.stringify(position),
      },
      geoOp(keys, position.id, position.location),
    ],
  }));
  // Right behind the batch before, as readings (`writeRound`): its writes are ahead on this
  // connection. Only if they failed and this succeeded would its older positions of a unit
  // count as late, the newest standing.
  const results = await prepareBatch(units).send(redis, order.sent);
  return results.map((result, i): Outcome => {
    const { position, path } = items[i]!;
    if (result.status === 'ok') {
      const outside = pointOutside(ctx.serviceArea, position.location, [
        ...path,
        'location',
        'coordinates',
      ]);
      return outside
        ? {
            status: 'applied',
            warning: outside,
            id: position.id.slice(position.id.indexOf(':') + 1),
          }
        : APPLIED;
    }
    // Positions carry no expected time: a conflict is the registration check failing.
    if (result.status === 'conflict') {
      return {
        status: 'rejected',
        // The message's own id, as for every other refusal of an item.
        id: position.id.slice(position.id.indexOf(':') + 1),
        error: new FeedError(
          'feed.unknown_resource',
          `${[...path, 'id'].join('.')}: no resource ${position.id} was registered by a full message`,
          [...path, 'id'],
        ),
      };
    }
    return { status: result.stored === position.ts ? 'duplicate' : 'late' };
  });
}

/** True when every item of a `resource` message is a position-only update (telemetry). */
export function allPositions(items: readonly unknown[]): boolean {
  return items.every((item) => !isFullResource(item));
}

/** The position schema with zod's compiled fast path, as `READING` in sensor.ts. */
const POSITION = z.compile(PositionMessage);

/** Validates a position-only update and converts it; throws a FeedError when invalid. */
export function parsePosition(
  ctx: FeedContext,
  agency: string,
  item: unknown,
  at: IssuePath,
): Position {
  const msg = validate(POSITION, item, at);
  return toPosition(agency, msg, observedAt(ctx, msg.ts, at, 'telemetry'), at);
}

/**
 * `resource`: a full message (type, name, status…) registers or changes a unit and is an event;
 * a position-only update moves a registered unit and is telemetry.
 */
export const handleResources: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at): Promise<Outcome> => {
    if (isFullResource(item)) {
      const msg = validate(ResourceMessage, item, at);
      const data = toResource(agency, msg, observedAt(ctx, msg.ts, at, 'registration'), at);
      const where = [...at, 'location', 'coordinates'];
      const written = await writeResource(ctx, data, msg.id, at);
      // A depot's inventory seeds its stock ledger (items it does not hold yet).
      if (written.status === 'applied' || written.status === 'duplicate')
        await seedStock(ctx, data);
      return flagged(written, msg.id, pointOutside(ctx.serviceArea, data.location, where));
    }
    const position = parsePosition(ctx, agency, item, at);
    const [outcome] = await writePositions(ctx, [{ message: 0, path: at, position }]);
    if (outcome?.status === 'rejected') throw outcome.error;
    return outcome!;
  });
