import { Router } from 'express';
import { z } from 'zod';
import {
  API,
  Alarm,
  Hazard,
  Incident,
  Order,
  Place,
  Resource,
  RiskArea,
  Warning,
  type LiveEvent,
  type StampedEvent,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import {
  ENTITY_KINDS,
  EntityKindPath,
  EntityQuery,
  filterEntities,
  unsupportedFilter,
} from '../query/entity-filters';
import { invalidQuery } from '../query/invalid';

export const ENTITIES_PATH = API.entities;

const SCHEMAS: Record<
  EntityKindPath,
  { safeParse: (v: unknown) => z.ZodSafeParseResult<unknown> }
> = {
  hazards: Hazard,
  incidents: Incident,
  resources: Resource,
  warnings: Warning,
  riskareas: RiskArea,
  alarms: Alarm,
  orders: Order,
  places: Place,
};

/** How far back the history of one entity is looked for: pages × page size stream entries. */
const HISTORY_PAGE = 500;
const HISTORY_PAGES = 20;
const HISTORY_LIMIT = 100;

const Params = z.object({ kind: EntityKindPath, id: z.string().min(1).max(200).optional() });

function concerns(event: LiveEvent, kind: string, id: string): boolean {
  if (event.kind !== kind) return false;
  return event.op === 'remove' ? event.entityId === id : event.data.id === id;
}

/**
 * An entity's events, newest first, by scanning the events stream backwards — bounded, so an
 * entity that changed long ago costs at most HISTORY_PAGES reads. `truncated`: the bound was hit
 * before the start of the stream.
 */
export async function readHistory(redis: Redis, keys: Keys, kind: string, id: string) {
  const history: StampedEvent[] = [];
  let end = '+';
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const entries = (await redis.xRevRange(keys.events, end, '-', { COUNT: HISTORY_PAGE })) ?? [];
    for (const entry of entries) {
      try {
        const event = JSON.parse(entry.message.e ?? 'null') as LiveEvent;
        if (concerns(event, kind, id)) history.push({ ...event, id: entry.id } as StampedEvent);
      } catch {
        // An unreadable entry is no one's history; the live path logs it.
        continue;
      }
      if (history.length >= HISTORY_LIMIT) return { history, truncated: true };
    }
    if (entries.length < HISTORY_PAGE) return { history, truncated: false };
    end = `(${entries[entries.length - 1]!.id}`;
  }
  return { history, truncated: true };
}

/**
 * `GET /api/v1/entities/{kind}[?status=&level=&type=&bbox=&since=&until=&limit=]` and
 * `GET /api/v1/entities/{kind}/{id}` (the entity and its event history).
 */
export function createEntitiesRouter(options: { redis: Redis; keys: Keys }): Router {
  const { redis, keys } = options;
  const router = Router();

  router.get(`${ENTITIES_PATH}/:kind`, allow('read:picture'), async (req, res, next) => {
    try {
      const params = Params.safeParse(req.params);
      if (!params.success) {
        res.status(404).json({ code: 'api.not_found', message: 'no such entity kind' });
        return;
      }
      const query = EntityQuery.safeParse(req.query);
      if (!query.success) {
        res.status(400).json(invalidQuery(query.error));
        return;
      }
      const path = params.data.kind;
      const unsupported = unsupportedFilter(path, query.data);
      if (unsupported) {
        res
          .status(400)
          .json({ code: 'api.invalid', message: `${unsupported}: not a filter of ${path}` });
        return;
      }
      const hash = await redis.hGetAll(keys.state(ENTITY_KINDS[path].kind));
      const entities: Record<string, unknown>[] = [];
      for (const json of Object.values(hash)) {
        try {
          const parsed = SCHEMAS[path].safeParse(JSON.parse(json));
          if (parsed.success) entities.push(parsed.data as Record<string, unknown>);
        } catch {
          // Unreadable JSON: left out, as in the snapshot.
          continue;
        }
      }
      res.json({ [path]: filterEntities(path, entities, query.data) });
    } catch (err) {
      next(err);
    }
  });

  router.get(`${ENTITIES_PATH}/:kind/:id`, allow('read:picture'), async (req, res, next) => {
    try {
      const params = Params.safeParse(req.params);
      if (!params.success || params.data.id === undefined) {
        res.status(404).json({ code: 'api.not_found', message: 'no such entity kind' });
        return;
      }
      const { kind: path, id } = params.data;
      const kind = ENTITY_KINDS[path].kind;
      const [json, { history, truncated }] = await Promise.all([
        redis.hGet(keys.state(kind), id),
        readHistory(redis, keys, kind, id),
      ]);
      const parsed = json ? SCHEMAS[path].safeParse(JSON.parse(json)) : undefined;
      const entity = parsed?.success ? parsed.data : null;
      if (entity === null && history.length === 0) {
        res.status(404).json({ code: 'api.not_found', message: `no ${kind} ${id}` });
        return;
      }
      res.json({ entity, history, historyTruncated: truncated });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
