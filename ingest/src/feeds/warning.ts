import {
  FeedError,
  WarningMessage,
  circleToPolygon,
  districtsForCode,
  entityId,
  type AreaGeometry,
  type Crs,
  type IssuePath,
  type LngLat,
  Warning,
  type WarningArea,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { observedAt, validate } from './decode';
import { areaToWgs84, toWgs84 } from './coords';
import { idOf } from './hazard';
import { areaOutside } from './service-area';
import { flagged } from './upsert';
import { appendEvent, putJson } from '../store/ops';
import { reconcileWatch } from '../watch/watch';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from './context';

/** A cancel needs to say only which warning it ends. */
const WarningCancel = WarningMessage.partial({
  event: true,
  signal: true,
  headline: true,
  expires: true,
  areas: true,
});
type WarningCancel = ReturnType<typeof WarningCancel.parse>;

type Polygon = LngLat[][];

function polygonsOf(g: AreaGeometry): Polygon[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** One area as stored: its polygon, circle and division outlines merged into one WGS-84 shape. */
function normalizeArea(area: WarningArea, crs: Crs, at: IssuePath): Warning['areas'][number] {
  const parts: Polygon[] = [];
  if (area.geometry)
    parts.push(...polygonsOf(areaToWgs84(area.geometry, crs, [...at, 'geometry'])));
  if (area.circle) {
    const center = toWgs84(area.circle.center, crs, [...at, 'circle', 'center']);
    parts.push(circleToPolygon(center, area.circle.radiusKm).coordinates);
  }
  const seen = new Set<string>();
  let unknown: number | undefined;
  (area.geocodes ?? []).forEach((code, j) => {
    const districts = districtsForCode(code).filter((d) => !seen.has(d.code));
    if (districtsForCode(code).length === 0) unknown ??= j;
    for (const d of districts) {
      seen.add(d.code);
      parts.push(...polygonsOf(d.geometry));
    }
  });
  if (parts.length === 0) {
    const path = [...at, 'geocodes', unknown ?? 0];
    throw new FeedError(
      'feed.unknown_geocode',
      `${path.join('.')}: ${area.geocodes?.[unknown ?? 0]} is not a division with a known outline (Changzhou: 320400, 320402, 320404, 320411, 320412, 320413, 320481)`,
      path,
    );
  }
  const geometry: AreaGeometry =
    parts.length === 1
      ? { type: 'Polygon', coordinates: parts[0]! }
      : { type: 'MultiPolygon', coordinates: parts };
  return {
    description: area.description,
    geometry,
    ...(area.geocodes ? { geocodes: area.geocodes } : {}),
  };
}

/**
 * The warning as stored. An update without areas keeps those of the warning it updates (`kept`,
 * stored already in WGS-84); CAP allows an info block without any area.
 */
function toWarning(
  agency: string,
  root: string,
  msg: WarningMessage,
  ts: number,
  index: IssuePath,
  kept: Warning['areas'] | undefined,
): Warning {
  const areas =
    msg.areas?.map((a, i) => normalizeArea(a, msg.crs, [...index, 'areas', i])) ??
    kept ??
    noAreas(msg, root, index);
  return {
    id: root,
    agency,
    ts,
    identifier: msg.id,
    msgType: msg.msgType,
    event: msg.event,
    signal: msg.signal,
    severity: msg.severity,
    urgency: msg.urgency,
    certainty: msg.certainty,
    headline: msg.headline,
    ...(msg.description === undefined ? {} : { description: msg.description }),
    ...(msg.instruction === undefined ? {} : { instruction: msg.instruction }),
    ...(msg.onset === undefined ? {} : { onset: Date.parse(msg.onset) }),
    expires: Date.parse(msg.expires),
    areas,
  };
}

/** An alert with no area, or an update without areas of a warning no longer in force. */
function noAreas(msg: WarningMessage, root: string, index: IssuePath): never {
  const path = [...index, 'areas'];
  throw new FeedError(
    'feed.invalid',
    msg.msgType === 'alert'
      ? `${path.join('.')}: an alert needs at least one area (a polygon, a circle or a division code)`
      : `${path.join('.')}: an update without areas keeps those of the warning it updates, and ${root} is no longer in force (cancelled or expired): give its areas`,
    path,
  );
}

/** The warning a message is about: its own id or one it references, as earlier messages mapped. */
async function findRoot(
  ctx: FeedContext,
  agency: string,
  msg: WarningCancel,
  index: IssuePath,
): Promise<string> {
  const own = entityId(agency, msg.id);
  const refs = (msg.references ?? []).map((r) => entityId(agency, r));
  const roots = await ctx.redis.hmGet(ctx.keys.warningRefs, [own, ...refs]);
  const root = roots.find((r): r is string => !!r);
  if (root) return root;
  if (msg.msgType === 'alert') return own;
  const path = [...index, msg.references?.length ? 'references' : 'id'];
  throw new FeedError(
    'feed.unknown_warning',
    `${path.join('.')}: ${msg.msgType} of ${[msg.id, ...(msg.references ?? [])].join(', ')}: no warning of yours has that id`,
    path,
  );
}

/**
 * Writes one message under the root warning's guard: an alert or update replaces the warning in
 * place; a cancel, or a message already expired, removes it.
 */
async function writeWarning(
  ctx: FeedContext,
  agency: string,
  msg: WarningCancel,
  build: ((root: string, kept: Warning['areas'] | undefined) => Warning) | undefined,
  ts: number,
  index: IssuePath,
): Promise<Outcome> {
  const { redis, keys } = ctx;
  const root = await findRoot(ctx, agency, msg, index);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [prevJson, storedText] = await Promise.all([
      redis.hGet(keys.state('warning'), root),
      redis.hGet(keys.obs('warning'), root),
    ]);
    const prev = prevJson !== null;
    const stored = storedText === null ? null : Number(storedText);
    if (stored !== null && stored >= ts) return older(ts, stored, msg.id, index);
    const kept = prevJson === null ? undefined : Warning.parse(JSON.parse(prevJson)).areas;
    const warning = build?.(root, kept);
    const ops: CommitOp[] = [
      { op: 'hset', key: keys.warningRefs, field: entityId(agency, msg.id), value: root },
    ];
    if (warning && warning.expires > ctx.now()) {
      ops.push(
        putJson(keys.state('warning'), root, warning),
        appendEvent(ctx, { kind: 'warning', op: 'upsert', data: warning }),
      );
    } else if (prev) {
      ops.push(
        { op: 'hdel', key: keys.state('warning'), field: root },
        appendEvent(ctx, { kind: 'warning', op: 'remove', entityId: root }),
      );
    }
    const result = await commit(
      redis,
      { obsKey: keys.obs('warning'), id: root, ts, expected: stored },
      ops,
    );
    if (result.status === 'ok') return { status: 'applied' };
    if (result.status === 'stale') return older(ts, result.stored ?? 0, msg.id, index);
  }
  throw new Error(`warning ${root}: too many concurrent writers`);
}

function older(ts: number, stored: number, id: string, index: IssuePath): Outcome {
  if (stored === ts) return { status: 'duplicate' };
  const path = [...index, 'ts'];
  return {
    status: 'rejected',
    // The message's own id, as for every other refusal.
    id,
    error: new FeedError(
      'feed.stale',
      `${path.join('.')}: ${new Date(ts).toISOString()} is older than the stored ${new Date(stored).toISOString()}`,
      path,
    ),
  };
}

/** The warning for a message whose areas (as sent) all lie outside the service area. */
function outsideAll(
  ctx: FeedContext,
  outcome: Outcome,
  msg: WarningCancel,
  index: IssuePath,
): FeedError | undefined {
  if (outcome.status !== 'applied' || !ctx.serviceArea || !msg.areas) return undefined;
  const geometries = msg.areas.flatMap((a) => (a.geometry ? [a.geometry] : []));
  // Division codes are Changzhou's own outlines; circles are checked by their centre.
  if (geometries.length < msg.areas.length) return undefined;
  const warnings = geometries.map((g, i) =>
    areaOutside(ctx.serviceArea, areaToWgs84(g, msg.crs, [...index, 'areas', i]), [
      ...index,
      'areas',
    ]),
  );
  return warnings.every((w) => w !== undefined) ? warnings[0] : undefined;
}

/** `warning`: alerts, updates and cancels, as JSON or CAP 1.2 (decoded by cap.ts). */
export const handleWarnings: FeedHandler = async (ctx, agency, items, batch) => {
  const outcomes: Outcome[] = [];
  for (const [i, item] of items.entries()) {
    const index = batch ? [i] : [];
    try {
      const cancel = (item as { msgType?: unknown } | null)?.msgType === 'cancel';
      const msg = validate(cancel ? WarningCancel : WarningMessage, item, index);
      const ts = observedAt(ctx, msg.ts, index, 'event');
      if (msg.msgType === 'alert' && !msg.areas) noAreas(msg as WarningMessage, '', index);
      const build = cancel
        ? undefined
        : (root: string, kept: Warning['areas'] | undefined) =>
            toWarning(agency, root, msg as WarningMessage, ts, index, kept);
      const outcome = await writeWarning(ctx, agency, msg, build, ts, index);
      outcomes.push(flagged(outcome, msg.id, outsideAll(ctx, outcome, msg, index)));
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      outcomes.push({ status: 'rejected', error: err, ...idOf(item) });
    }
  }
  // Watch flags follow at once (the sweep would within a second): the screens see the warning
  // and the sites it covers together.
  if (outcomes.some((o) => o.status === 'applied')) await reconcileWatch(ctx);
  return outcomes;
};
