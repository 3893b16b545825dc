import { Place, PlaceMessage, entityId, type IssuePath } from '@cc/shared';
import { toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { commitUpsert, eachItem, flagged } from './upsert';
import { pointOutside } from './service-area';
import type { FeedHandler } from './context';

/** The stored place: `{agency}:{id}`, epoch ms, its location in WGS-84. */
export function toPlace(agency: string, msg: PlaceMessage, ts: number, at: IssuePath): Place {
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

/**
 * `place`: a sensitive place (school, hospital, nursing home...) registered or changed by an
 * agency; each change is an event. Like a resource message: the same observation again is a
 * duplicate, an older one is refused as stale.
 */
export const handlePlaces: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    const msg = validate(PlaceMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'registration');
    const sent = toPlace(agency, msg, ts, at);
    // The watch flag is ingest's, not the agency's: an update keeps it (watch/watch.ts).
    const prevJson = await ctx.redis.hGet(ctx.keys.state('place'), sent.id);
    const prevWatch = prevJson ? Place.safeParse(JSON.parse(prevJson)).data?.watch : undefined;
    const data = prevWatch ? { ...sent, watch: prevWatch } : sent;
    const outcome = await commitUpsert(ctx, { kind: 'place', op: 'upsert', data }, msg.id, at);
    const where = [...at, 'location', 'coordinates'];
    return flagged(outcome, msg.id, pointOutside(ctx.serviceArea, data.location, where));
  });
