import { CameraMessage, entityId, type Camera, type IssuePath } from '@cc/shared';
import { toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { commitUpsert, eachItem, flagged } from './upsert';
import { pointOutside } from './service-area';
import type { FeedHandler } from './context';

/** The stored camera: `{agency}:{id}`, epoch ms, its location in WGS-84. */
export function toCamera(agency: string, msg: CameraMessage, ts: number, at: IssuePath): Camera {
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
 * `camera`: a camera registered or changed by an agency (its place, where it looks, its status and
 * where its video is); each change is an event. The same observation again is a duplicate, an
 * older one is refused as stale. What the command center's probe finds is stored apart
 * (`camerahealth`), so the two never overwrite each other.
 */
export const handleCameras: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    const msg = validate(CameraMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'registration');
    const data = toCamera(agency, msg, ts, at);
    const outcome = await commitUpsert(ctx, { kind: 'camera', op: 'upsert', data }, msg.id, at);
    const where = [...at, 'location', 'coordinates'];
    return flagged(outcome, msg.id, pointOutside(ctx.serviceArea, data.location, where));
  });
