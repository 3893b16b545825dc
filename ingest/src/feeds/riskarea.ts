import { RiskAreaMessage, entityId, type IssuePath, type RiskArea } from '@cc/shared';
import { areaToWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { commitUpsert, eachItem, flagged } from './upsert';
import { areaOutside } from './service-area';
import type { FeedHandler } from './context';

/** The stored risk area: `{agency}:{id}`, epoch ms, its geometry in WGS-84. */
export function toRiskArea(
  agency: string,
  msg: RiskAreaMessage,
  ts: number,
  at: IssuePath,
): RiskArea {
  // `fields` still holds the sent `ts`; the epoch ms below replaces it.
  const { id, crs, geometry, ...fields } = msg;
  return {
    ...fields,
    id: entityId(agency, id),
    agency,
    ts,
    geometry: areaToWgs84(geometry, crs, [...at, 'geometry']),
  };
}

/** `riskarea`: an area graded on the four-colour risk map; each new grading is an event. */
export const handleRiskAreas: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    const msg = validate(RiskAreaMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'registration');
    const data = toRiskArea(agency, msg, ts, at);
    const outcome = await commitUpsert(ctx, { kind: 'riskarea', op: 'upsert', data }, msg.id, at);
    const where = [...at, 'geometry'];
    return flagged(outcome, msg.id, areaOutside(ctx.serviceArea, data.geometry, where));
  });
