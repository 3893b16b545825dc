import { z } from 'zod';
import type { EventKind } from '@cc/shared';
import { bboxesIntersect, entityBBox, type BBox } from './geo';

/** A filterable field of an entity kind: the query parameter maps to this entity field. */
interface KindSpec {
  kind: EventKind;
  status?: string;
  level?: string;
  type?: string;
  /** The entity's time for `since` / `until`. */
  time: string;
}

/** The kinds served under `/api/v1/entities/{kind}` and which filters each one has. */
export const ENTITY_KINDS = {
  hazards: { kind: 'hazard', time: 'ts' },
  incidents: { kind: 'incident', status: 'status', level: 'level', type: 'type', time: 'ts' },
  resources: { kind: 'resource', status: 'status', type: 'type', time: 'ts' },
  warnings: { kind: 'warning', level: 'signal', type: 'event', time: 'ts' },
  riskareas: { kind: 'riskarea', level: 'level', time: 'ts' },
  alarms: { kind: 'alarm', status: 'status', level: 'level', type: 'cause', time: 'updatedAt' },
  orders: { kind: 'order', status: 'status', type: 'kind', time: 'ts' },
  places: { kind: 'place', type: 'type', time: 'ts' },
} as const satisfies Record<string, KindSpec>;
export type EntityKindPath = keyof typeof ENTITY_KINDS;
export const EntityKindPath = z.enum(
  Object.keys(ENTITY_KINDS) as [EntityKindPath, ...EntityKindPath[]],
);

/** Epoch ms as digits, or an RFC 3339 timestamp with its offset. */
export const Instant = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const ms = /^\d{1,15}$/.test(s)
      ? Number(s)
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(s)
        ? Date.parse(s)
        : NaN;
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'expected epoch ms or an RFC 3339 timestamp' });
      return z.NEVER;
    }
    return ms;
  });

const BBoxParam = z.string().transform((s, ctx): BBox => {
  const parts = s.split(',').map((p) => Number(p.trim()));
  const [minLon = NaN, minLat = NaN, maxLon = NaN, maxLat = NaN] = parts;
  const ok =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    minLon >= -180 &&
    maxLon <= 180 &&
    minLat >= -90 &&
    maxLat <= 90 &&
    minLon <= maxLon &&
    minLat <= maxLat;
  if (!ok) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat in WGS-84' });
    return z.NEVER;
  }
  return [minLon, minLat, maxLon, maxLat];
});

const Word = z.string().trim().min(1).max(64);

export const EntityQuery = z
  .strictObject({
    status: Word.optional(),
    level: Word.optional(),
    type: Word.optional(),
    bbox: BBoxParam.optional(),
    since: Instant.optional(),
    until: Instant.optional(),
    limit: z.coerce.number().int().min(1).max(1_000).default(100),
  })
  .refine((q) => q.since === undefined || q.until === undefined || q.since <= q.until, {
    message: 'since must not be after until',
  });
export type EntityQuery = z.infer<typeof EntityQuery>;

/** The filter a kind does not have, if the query uses one: a typo must not silently match all. */
export function unsupportedFilter(path: EntityKindPath, query: EntityQuery): string | undefined {
  const spec: KindSpec = ENTITY_KINDS[path];
  return (['status', 'level', 'type'] as const).find(
    (f) => query[f] !== undefined && spec[f] === undefined,
  );
}

/** The entities that match every filter, newest first, at most `limit`. */
export function filterEntities<T extends Record<string, unknown>>(
  path: EntityKindPath,
  entities: readonly T[],
  query: EntityQuery,
): T[] {
  const spec: KindSpec = ENTITY_KINDS[path];
  const timeOf = (e: T) => (typeof e[spec.time] === 'number' ? (e[spec.time] as number) : 0);
  const matches = (e: T): boolean => {
    for (const f of ['status', 'level', 'type'] as const) {
      const field = spec[f];
      if (query[f] !== undefined && (field === undefined || e[field] !== query[f])) return false;
    }
    const t = timeOf(e);
    if (query.since !== undefined && t < query.since) return false;
    if (query.until !== undefined && t > query.until) return false;
    if (query.bbox) {
      const box = entityBBox(e);
      if (!box || !bboxesIntersect(box, query.bbox)) return false;
    }
    return true;
  };
  return entities
    .filter(matches)
    .sort((a, b) => timeOf(b) - timeOf(a))
    .slice(0, query.limit);
}
