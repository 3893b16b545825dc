import {
  FeedError,
  PositionMessage,
  RESOURCE_ONLY_KEYS,
  ResourceMessage,
  entityId,
  type IssuePath,
  type Position,
  type Resource,
  type TelemetryEntry,
} from '@cc/shared';
import { commit, type CommitOp, type Keys } from '@cc/shared/node';
import { toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { appendEvent, putJson } from '../store/ops';
import { eachItem, staleError } from './upsert';
import type { FeedContext, FeedHandler, Outcome } from './context';

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

/**
 * A position is telemetry: latest wins, no event. An older one than stored arrived late (a
 * tracker's backlog) and changes nothing, like a late reading; it is not refused.
 */
async function writePosition(
  ctx: FeedContext,
  position: Position,
  at: IssuePath,
): Promise<Outcome> {
  const { redis, keys } = ctx;
  // Positions of units nobody registered would put anonymous dots on the wall.
  if (!(await redis.hExists(keys.state('resource'), position.id))) {
    throw new FeedError(
      'feed.unknown_resource',
      `${[...at, 'id'].join('.')}: no resource ${position.id} was registered by a full message`,
      [...at, 'id'],
    );
  }
  const entry: TelemetryEntry = { position };
  const guard = { obsKey: keys.obs('position'), id: position.id, ts: position.ts };
  const result = await commit(redis, guard, [
    putJson(keys.state('position'), position.id, position),
    {
      op: 'xadd',
      key: keys.telemetry,
      maxlen: ctx.config.TELEMETRY_MAXLEN,
      value: JSON.stringify(entry),
    },
    geoOp(keys, position.id, position.location),
  ]);
  if (result.status === 'ok') return { status: 'applied' };
  return { status: result.stored === position.ts ? 'duplicate' : 'late' };
}

/**
 * `resource`: a full message (type, name, status…) registers or changes a unit and is an event;
 * a position-only update moves a registered unit and is telemetry.
 */
export const handleResources: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at): Promise<Outcome> => {
    if (isFullResource(item)) {
      const msg = validate(ResourceMessage, item, at);
      const data = toResource(agency, msg, observedAt(ctx, msg.ts, at), at);
      return writeResource(ctx, data, msg.id, at);
    }
    const msg = validate(PositionMessage, item, at);
    const position = toPosition(agency, msg, observedAt(ctx, msg.ts, at), at);
    return writePosition(ctx, position, at);
  });
