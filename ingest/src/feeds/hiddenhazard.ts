import {
  FeedError,
  HiddenHazardMessage,
  districtAt,
  entityId,
  type HiddenHazard,
  type IssuePath,
} from '@cc/shared';
import { commit } from '@cc/shared/node';
import { toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { eachItem, flagged } from './upsert';
import { pointOutside } from './service-area';
import { appendEvent, putJson } from '../store/ops';
import type { FeedHandler } from './context';

/** A new item as reported by an enterprise's self-check (企业自查): stage `reported`. Pure. */
export function toSelfCheck(
  agency: string,
  msg: HiddenHazardMessage,
  ts: number,
  at: IssuePath,
): HiddenHazard {
  const location = toWgs84(msg.location.coordinates, msg.crs, [...at, 'location', 'coordinates']);
  const district = districtAt(location)?.code;
  const by = msg.reportedBy ?? agency;
  return {
    id: entityId(agency, msg.id),
    agency,
    enterprise: msg.enterprise,
    ...(msg.siteId === undefined ? {} : { siteId: msg.siteId }),
    sector: msg.sector,
    source: 'self_check',
    description: msg.description,
    ...(msg.address === undefined ? {} : { address: msg.address }),
    location,
    ...(district === undefined ? {} : { district }),
    stage: 'reported',
    photos: [],
    reportedAt: ts,
    reportedBy: by,
    history: [{ at: ts, by, role: 'agency', action: 'report', to: 'reported' }],
    ts,
  };
}

/**
 * `hiddenhazard`: an enterprise's self-check reports a hidden hazard. Only new items are
 * stored: the same message again is a duplicate; another with an id already reported is refused
 * (from then on only the loop's commands move it, each recorded in its history).
 */
export const handleHiddenHazards: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    const msg = validate(HiddenHazardMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'event');
    const data = toSelfCheck(agency, msg, ts, at);
    const { keys } = ctx;
    const result = await commit(
      ctx.redis,
      { obsKey: keys.obs('hiddenhazard'), id: data.id, ts, expected: null },
      [
        putJson(keys.state('hiddenhazard'), data.id, data),
        appendEvent(ctx, { kind: 'hiddenhazard', op: 'upsert', data }),
      ],
    );
    if (result.status !== 'ok') {
      const stored = await ctx.redis.hGet(keys.state('hiddenhazard'), data.id);
      const reportedAt =
        stored === null ? undefined : (JSON.parse(stored) as HiddenHazard).reportedAt;
      if (reportedAt === ts) return { status: 'duplicate' };
      return {
        status: 'rejected',
        id: msg.id,
        error: new FeedError(
          'feed.stale',
          `${[...at, 'id'].join('.') || 'id'}: hidden hazard ${msg.id} was already reported; its stage is moved by supervision staff only`,
          [...at, 'id'],
        ),
      };
    }
    const where = [...at, 'location', 'coordinates'];
    return flagged(
      { status: 'applied' },
      msg.id,
      pointOutside(ctx.serviceArea, data.location, where),
    );
  });
