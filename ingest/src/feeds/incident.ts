import { IncidentMessage, entityId, type Incident, type IssuePath } from '@cc/shared';
import { areaToWgs84, toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { commitUpsert, eachItem, flagged } from './upsert';
import { areaOutside, pointOutside } from './service-area';
import type { FeedHandler } from './context';

/** The stored incident: `{agency}:{id}`, epoch ms, every position in WGS-84. */
export function toIncident(
  agency: string,
  msg: IncidentMessage,
  ts: number,
  at: IssuePath,
): Incident {
  // `fields` still holds the sent `ts`; the epoch ms below replaces it.
  const { id, crs, location, area, ...fields } = msg;
  return {
    ...fields,
    id: entityId(agency, id),
    agency,
    ts,
    location: toWgs84(location.coordinates, crs, [...at, 'location', 'coordinates']),
    ...(area === undefined ? {} : { area: areaToWgs84(area, crs, [...at, 'area']) }),
  };
}

/** `incident`: an emergency reported or updated by an agency; each change is an event. */
export const handleIncidents: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    const msg = validate(IncidentMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'event');
    const data = toIncident(agency, msg, ts, at);
    const outcome = await commitUpsert(ctx, { kind: 'incident', op: 'upsert', data }, msg.id, at);
    return flagged(
      outcome,
      msg.id,
      pointOutside(ctx.serviceArea, data.location, [...at, 'location', 'coordinates']),
      data.area && areaOutside(ctx.serviceArea, data.area, [...at, 'area']),
    );
  });
