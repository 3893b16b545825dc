import {
  FeedError,
  SHELTER_ONLY_KEYS,
  Shelter,
  ShelterMessage,
  ShelterOccupancyMessage,
  entityId,
  type IssuePath,
} from '@cc/shared';
import { commit } from '@cc/shared/node';
import { toWgs84 } from '../feeds/coords';
import { observedAt, validate } from '../feeds/decode';
import { pointOutside } from '../feeds/service-area';
import { eachItem, flagged, staleError } from '../feeds/upsert';
import { appendEvent, putJson } from '../store/ops';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from '../feeds/context';

/** Occupancy counts kept per shelter (its `shelterHistory`). */
const HISTORY_MAX = 2_000;

/** A full shelter message names it and where it is; an occupancy update never does. */
function isFullShelter(item: unknown): boolean {
  return typeof item === 'object' && item !== null && SHELTER_ONLY_KEYS.some((key) => key in item);
}

/**
 * The stored shelter after a full message: its fields, WGS-84; an occupancy not sent keeps the
 * stored count (0 for a new shelter). Pure.
 */
export function toShelter(
  agency: string,
  msg: ShelterMessage,
  ts: number,
  at: IssuePath,
  prev: Shelter | undefined,
): Shelter {
  const { id, crs, location, ts: _sent, occupancy, facilities, ...fields } = msg;
  void _sent;
  return {
    ...fields,
    id: entityId(agency, id),
    agency,
    ts,
    location: toWgs84(location.coordinates, crs, [...at, 'location', 'coordinates']),
    facilities: facilities ?? [],
    occupancy: occupancy ?? prev?.occupancy ?? 0,
    occupancyAt: occupancy === undefined ? (prev?.occupancyAt ?? ts) : ts,
  };
}

/**
 * Writes a shelter with a compare-and-set on `obs:shelter`: latest wins; an older full message is
 * refused as stale, an older occupancy count is `late` (a gate counter's backlog) and changes
 * nothing. Each applied message is an event (a count comes every few minutes) and its occupancy
 * goes to the shelter's history.
 */
async function writeShelter(
  ctx: FeedContext,
  id: string,
  localId: string,
  ts: number,
  at: IssuePath,
  full: boolean,
  next: (prev: Shelter | undefined) => Shelter | FeedError,
): Promise<{ outcome: Outcome; shelter?: Shelter }> {
  const { redis, keys } = ctx;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [prevJson, storedText] = await Promise.all([
      redis.hGet(keys.state('shelter'), id),
      redis.hGet(keys.obs('shelter'), id),
    ]);
    const stored = storedText === null ? null : Number(storedText);
    if (stored !== null && stored >= ts) {
      if (stored === ts) return { outcome: { status: 'duplicate' } };
      return {
        outcome: full
          ? { status: 'rejected', id: localId, error: staleError(ts, stored, at) }
          : { status: 'late' },
      };
    }
    const parsed = prevJson === null ? undefined : Shelter.safeParse(JSON.parse(prevJson));
    const data = next(parsed?.success ? parsed.data : undefined);
    if (data instanceof FeedError) throw data;
    const result = await commit(redis, { obsKey: keys.obs('shelter'), id, ts, expected: stored }, [
      putJson(keys.state('shelter'), id, data),
      appendEvent(ctx, { kind: 'shelter', op: 'upsert', data }),
      {
        op: 'zadd',
        key: keys.shelterHistory(id),
        maxlen: HISTORY_MAX,
        score: ts,
        member: JSON.stringify({ ts, occupancy: data.occupancy, status: data.status }),
      },
    ]);
    if (result.status === 'ok') return { outcome: { status: 'applied' }, shelter: data };
  }
  throw new Error(`shelter ${id}: too many concurrent writers`);
}

/**
 * `shelter`: a full message registers or changes an emergency shelter (应急避难场所); an
 * occupancy update (id, ts, occupancy, status?) counts the people in a registered one.
 */
export const handleShelters: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    if (isFullShelter(item)) {
      const msg = validate(ShelterMessage, item, at);
      const ts = observedAt(ctx, msg.ts, at, 'registration');
      const id = entityId(agency, msg.id);
      const { outcome, shelter } = await writeShelter(ctx, id, msg.id, ts, at, true, (prev) =>
        toShelter(agency, msg, ts, at, prev),
      );
      const where = [...at, 'location', 'coordinates'];
      return flagged(
        outcome,
        msg.id,
        shelter ? pointOutside(ctx.serviceArea, shelter.location, where) : undefined,
      );
    }
    const msg = validate(ShelterOccupancyMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'telemetry');
    const id = entityId(agency, msg.id);
    const { outcome } = await writeShelter(ctx, id, msg.id, ts, at, false, (prev) =>
      prev
        ? {
            ...prev,
            ts,
            occupancy: msg.occupancy,
            occupancyAt: ts,
            ...(msg.status === undefined ? {} : { status: msg.status }),
          }
        : new FeedError(
            'feed.unknown_shelter',
            `${[...at, 'id'].join('.')}: no shelter ${id} was registered by a full message`,
            [...at, 'id'],
          ),
    );
    return outcome;
  });
