import { Hazard, Place, Warning, watchFor, type Watch } from '@cc/shared';
import { commitBatch, type CommitUnit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';

function sameWatch(a: Watch | undefined, b: Watch | undefined): boolean {
  return a?.signal === b?.signal && a?.warningId === b?.warningId && a?.since === b?.since;
}

/**
 * Per key prefix: `obs:watch` as it was at the last pass that found no warning in force and no
 * entity flagged. Flags are set only by this sweep's writes, which move `obs:watch` (a feed's
 * update only carries a flag over), so while it stays the same there is nothing to clear.
 */
const quiet = new WeakMap<object, string>();

type Watched = { kind: 'hazard'; entity: Hazard } | { kind: 'place'; entity: Place };

/**
 * Sets and clears the watch flags of every hazard source and sensitive place against the warnings
 * in force; each change is an upsert event of the entity (with or without `watch`). A change is
 * written only if the entity's own observation has not moved since it was read (a feed update in
 * between wins; the next pass flags it again), ordered by `obs:watch` so concurrent ingest
 * workers write each change once. Returns how many entities changed.
 */
export async function reconcileWatch(ctx: FeedContext): Promise<number> {
  const { redis, keys } = ctx;
  const now = ctx.now();
  const [warningsRaw, watchObs] = await Promise.all([
    redis.hGetAll(keys.state('warning')),
    redis.hGetAll(keys.obs('watch')),
  ]);
  const warnings = Object.values(warningsRaw).flatMap((json) => {
    const w = Warning.safeParse(JSON.parse(json));
    return w.success ? [w.data] : [];
  });
  // No warning in force, and no flag set or cleared (every such write moves `obs:watch`) since a
  // pass that found none: nothing to clear, and the hazards and places (big hashes) stay unread.
  const flagsAt = JSON.stringify(watchObs);
  const last = quiet.get(keys);
  if (warnings.length === 0 && last === flagsAt) return 0;
  const [hazardsRaw, placesRaw, hazardObs, placeObs] = await Promise.all([
    redis.hGetAll(keys.state('hazard')),
    redis.hGetAll(keys.state('place')),
    redis.hGetAll(keys.obs('hazard')),
    redis.hGetAll(keys.obs('place')),
  ]);
  // With no warning in force only the flagged need a look (most passes: a text search, no parse).
  const look = (json: string) => warnings.length > 0 || json.includes('"watch":');
  const watched: Watched[] = [
    ...Object.values(hazardsRaw).flatMap((json): Watched[] => {
      if (!look(json)) return [];
      const h = Hazard.safeParse(JSON.parse(json));
      return h.success ? [{ kind: 'hazard', entity: h.data }] : [];
    }),
    ...Object.values(placesRaw).flatMap((json): Watched[] => {
      if (!look(json)) return [];
      const p = Place.safeParse(JSON.parse(json));
      return p.success ? [{ kind: 'place', entity: p.data }] : [];
    }),
  ];
  if (warnings.length === 0 && watched.length === 0) quiet.set(keys, flagsAt);
  else quiet.delete(keys);
  const changes = watched.flatMap((w) => {
    const next = watchFor(w.entity.location, warnings, w.entity.watch, now);
    return sameWatch(next, w.entity.watch) ? [] : [{ ...w, next }];
  });
  if (changes.length === 0) return 0;
  const fields = changes.map((c) => `${c.kind}:${c.entity.id}`);
  const versions = await redis.hmGet(keys.obs('watch'), fields);
  const units: CommitUnit[] = changes.map((c, i) => {
    const stored = versions[i] ? Number(versions[i]) : null;
    const ts = Math.max(now, (stored ?? 0) + 1);
    const { watch: _old, ...rest } = c.entity;
    void _old;
    const data = c.next ? { ...rest, watch: c.next } : rest;
    const obs = c.kind === 'hazard' ? hazardObs : placeObs;
    return {
      guard: { obsKey: keys.obs('watch'), id: fields[i]!, ts, expected: stored },
      checks: [{ key: keys.obs(c.kind), field: c.entity.id, value: obs[c.entity.id] ?? null }],
      ops: [
        putJson(keys.state(c.kind), c.entity.id, data),
        c.kind === 'hazard'
          ? appendEvent(ctx, { kind: 'hazard', op: 'upsert', data: data as Hazard })
          : appendEvent(ctx, { kind: 'place', op: 'upsert', data: data as Place }),
      ],
    };
  });
  const results = await commitBatch(redis, units);
  const changed = results.filter((r) => r.status === 'ok').length;
  if (changed > 0) ctx.log.debug({ changed }, 'watch flags changed');
  return changed;
}
