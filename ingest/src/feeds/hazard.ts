import { FeedError, Hazard, HazardMessage, entityId, type Sensor } from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { observedAt, validate } from './decode';
import { toWgs84 } from './coords';
import { appendEvent, putJson } from '../store/ops';
import { sensorDefsChangedOp } from '../sweepers/offline-ops';
import { pointOutside } from './service-area';
import { flagged } from './upsert';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from './context';

function toHazard(agency: string, msg: HazardMessage, ts: number, index: number[]): Hazard {
  const id = entityId(agency, msg.id);
  const sensors: Sensor[] = msg.sensors.map((s) => ({
    id: entityId(agency, s.id),
    hazardId: id,
    ...(s.name === undefined ? {} : { name: s.name }),
    metric: s.metric,
    unit: s.unit,
    thresholds: s.thresholds,
    interval: s.interval,
  }));
  return {
    id,
    agency,
    name: msg.name,
    enterprise: msg.enterprise,
    grade: msg.grade,
    ...(msg.address === undefined ? {} : { address: msg.address }),
    chemicals: msg.chemicals,
    location: toWgs84(msg.location.coordinates, msg.crs, [...index, 'location', 'coordinates']),
    sensors,
    ...(msg.tanks === undefined
      ? {}
      : { tanks: msg.tanks.map((t) => ({ ...t, levelSensor: entityId(agency, t.levelSensor) })) }),
    ...(msg.residents === undefined ? {} : { residents: msg.residents }),
    ...(msg.riskLevel === undefined ? {} : { riskLevel: msg.riskLevel }),
    ts,
  };
}

/**
 * A new version keeps the assessment and colour of the one it replaces until the risk assessor
 * has regraded it (shortly after: it is told): a screen never sees them vanish meanwhile.
 */
function carried(hazard: Hazard, prev: Hazard | undefined): Hazard {
  if (!prev) return hazard;
  return {
    ...hazard,
    ...(prev.assessment === undefined ? {} : { assessment: prev.assessment }),
    ...(prev.riskColour === undefined ? {} : { riskColour: prev.riskColour }),
    // The watch flag is ingest's, not the agency's (watch/watch.ts).
    ...(prev.watch === undefined ? {} : { watch: prev.watch }),
  };
}

async function writeHazard(
  ctx: FeedContext,
  registered: Hazard,
  index: number[],
): Promise<Outcome> {
  const { redis, keys } = ctx;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [prevJson, owners] = await Promise.all([
      redis.hGet(keys.state('hazard'), registered.id),
      redis.hmGet(
        keys.state('sensor'),
        registered.sensors.map((s) => s.id),
      ),
    ]);
    const prev = prevJson ? Hazard.parse(JSON.parse(prevJson)) : undefined;
    const hazard = carried(registered, prev);
    if (prev && prev.ts >= hazard.ts) {
      return prev.ts === hazard.ts ? { status: 'duplicate' } : stale(hazard, prev.ts, index);
    }
    owners.forEach((json, i) => {
      const owner = json ? (JSON.parse(json) as Sensor).hazardId : undefined;
      if (owner && owner !== hazard.id) {
        throw new FeedError(
          'feed.invalid',
          `sensors.${i}.id: sensor ${hazard.sensors[i]!.id} belongs to hazard ${owner}`,
          [...index, 'sensors', i, 'id'],
        );
      }
    });
    const kept = new Set(hazard.sensors.map((s) => s.id));
    const removed = (prev?.sensors ?? []).filter((s) => !kept.has(s.id));
    const ops: CommitOp[] = [
      putJson(keys.state('hazard'), hazard.id, hazard),
      ...hazard.sensors.map((s) => putJson(keys.state('sensor'), s.id, s)),
      ...removed.flatMap((s): CommitOp[] => [
        { op: 'hdel', key: keys.state('sensor'), field: s.id },
        { op: 'hdel', key: keys.state('reading'), field: s.id },
        // Its observation time too: registered again, it starts afresh (the guard would expect
        // the deleted reading, and refuse every new one as a conflict).
        { op: 'hdel', key: keys.obs('reading'), field: s.id },
      ]),
      sensorDefsChangedOp(ctx, hazard.id, hazard.ts),
      appendEvent(ctx, { kind: 'hazard', op: 'upsert', data: hazard }),
    ];
    const result = await commit(
      redis,
      { obsKey: keys.obs('hazard'), id: hazard.id, ts: hazard.ts, expected: prev?.ts ?? null },
      ops,
    );
    if (result.status === 'ok') {
      ctx.risk?.touch(hazard.id);
      return { status: 'applied' };
    }
    if (result.status === 'stale') {
      return result.stored === hazard.ts
        ? { status: 'duplicate' }
        : stale(hazard, result.stored, index);
    }
  }
  throw new Error(`hazard ${registered.id}: too many concurrent writers`);
}

function stale(hazard: Hazard, stored: number | null, index: number[]): Outcome {
  return {
    status: 'rejected',
    id: hazard.id,
    error: new FeedError(
      'feed.stale',
      `${[...index, 'ts'].join('.')}: ${new Date(hazard.ts).toISOString()} is older than the stored ${new Date(stored ?? 0).toISOString()}`,
      [...index, 'ts'],
    ),
  };
}

/** `hazard`: register or update a major hazard source and its sensors. */
export const handleHazards: FeedHandler = async (ctx, agency, items, batch) => {
  const outcomes: Outcome[] = [];
  for (const [i, item] of items.entries()) {
    const index = batch ? [i] : [];
    try {
      const msg = validate(HazardMessage, item, index);
      const ts = observedAt(ctx, msg.ts, index, 'registration');
      const hazard = toHazard(agency, msg, ts, index);
      const where = [...index, 'location', 'coordinates'];
      outcomes.push(
        flagged(
          await writeHazard(ctx, hazard, index),
          msg.id,
          pointOutside(ctx.serviceArea, hazard.location, where),
        ),
      );
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      outcomes.push({ status: 'rejected', error: err, ...idOf(item) });
    }
  }
  return outcomes;
};

export function idOf(item: unknown): { id?: string } {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? { id } : {};
}
