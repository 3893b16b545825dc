import { Router, type Request } from 'express';
import { z } from 'zod';
import { Alarm, Hazard, can, type HiddenHazard, type LiveEvent } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import type { HiddenHazardView } from './view';
import { parseAll } from '../query/parse-all';

/** 一企一档: one enterprise's file, by its agency id. */
export const ENTERPRISE_PATH = '/api/v1/enterprises/:agency';

/** Alarms in the profile at most (active first, then the most recently changed). */
export const PROFILE_ALARMS = 20;
/** How far back cleared alarms are looked for: pages × page size of the events stream. */
const SCAN_PAGE = 500;
const SCAN_PAGES = 10;

const Agency = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'an agency id: letters, digits, ".", "_" or "-"');

/** One enterprise's file as `GET /api/v1/enterprises/{agency}` answers it. */
export interface EnterpriseProfile {
  agency: string;
  /** The enterprise's name as its hazards or hidden hazards give it. */
  enterprise: string;
  /** Its major hazard sources with the registered grade, the live assessment and colour. */
  hazards: Hazard[];
  /** Its hidden hazards not yet closed (销号), newest change first. */
  openHiddenHazards: HiddenHazard[];
  hiddenHazardCounts: { open: number; overdue: number; closed: number };
  /** Active alarms first (newest raised first), then cleared ones (newest cleared first). */
  alarms: Alarm[];
  /** Cleared alarms were looked for this far back (the bound was hit before the stream's start). */
  alarmsTruncated: boolean;
}

/** The agency's alarms changed in the last SCAN_PAGES × SCAN_PAGE events, newest version each. */
async function recentAlarms(redis: Redis, keys: Keys, agency: string) {
  const found = new Map<string, Alarm>();
  let end = '+';
  for (let page = 0; page < SCAN_PAGES; page++) {
    const entries = (await redis.xRevRange(keys.events, end, '-', { COUNT: SCAN_PAGE })) ?? [];
    for (const entry of entries) {
      try {
        const event = JSON.parse(entry.message.e ?? 'null') as LiveEvent;
        if (event.kind !== 'alarm' || event.op !== 'upsert') continue;
        if (event.data.agency !== agency || found.has(event.data.id)) continue;
        const parsed = Alarm.safeParse(event.data);
        if (parsed.success) found.set(parsed.data.id, parsed.data);
      } catch {
        continue;
      }
    }
    if (entries.length < SCAN_PAGE) return { alarms: found, truncated: false };
    end = `(${entries[entries.length - 1]!.id}`;
  }
  return { alarms: found, truncated: true };
}

/** Active alarms first (newest raised first), then cleared ones (newest cleared first). Pure. */
export function orderAlarms(alarms: Iterable<Alarm>, max = PROFILE_ALARMS): Alarm[] {
  const active = (a: Alarm) => (a.status === 'active' ? 0 : 1);
  const when = (a: Alarm) => (a.status === 'active' ? a.raisedAt : (a.clearedAt ?? a.updatedAt));
  return [...alarms]
    .sort((a, b) => active(a) - active(b) || when(b) - when(a) || a.id.localeCompare(b.id))
    .slice(0, max);
}

/** The picture's readers may read every enterprise's file; an enterprise's account its own. */
function mayRead(req: Request, agency: string): boolean {
  if (can(req.identity, 'read:picture')) return true;
  return req.identity?.role === 'agency' && req.identity.agency === agency;
}

/**
 * `GET /api/v1/enterprises/{agency}` (一企一档): the enterprise's major hazard sources with the
 * registered and live grade and the dynamic colour with its reasons (as ingest keeps them), its
 * open hidden hazards, and its recent alarms. 404 when the product knows nothing of the agency.
 */
export function createEnterpriseRouter(options: {
  redis: Redis;
  keys: Keys;
  view: HiddenHazardView;
}): Router {
  const { redis, keys, view } = options;
  const router = Router();
  router.get(ENTERPRISE_PATH, async (req, res, next) => {
    try {
      const agency = Agency.safeParse(req.params.agency);
      if (!agency.success) {
        res.status(400).json({
          code: 'api.invalid',
          message: `agency: ${agency.error.issues[0]?.message ?? 'invalid'}`,
        });
        return;
      }
      const id = agency.data;
      if (!mayRead(req, id)) {
        res.status(403).json({
          code: 'auth.forbidden',
          message: "your role may not read this enterprise's file",
        });
        return;
      }
      const [hazardHash, alarmHash, items, recent] = await Promise.all([
        redis.hGetAll(keys.state('hazard')),
        redis.hGetAll(keys.state('alarm')),
        view.all(),
        recentAlarms(redis, keys, id),
      ]);
      const hazards = parseAll(hazardHash, Hazard)
        .filter((h) => h.agency === id)
        .sort((a, b) => a.id.localeCompare(b.id));
      const own = items.filter((i) => i.agency === id);
      const open = own.filter((i) => i.stage !== 'closed');
      // The stored state is the truth for alarms still held; the stream adds cleared ones.
      const alarms = new Map(recent.alarms);
      for (const a of parseAll(alarmHash, Alarm).filter((a) => a.agency === id))
        alarms.set(a.id, a);
      if (hazards.length === 0 && own.length === 0 && alarms.size === 0) {
        res.status(404).json({ code: 'api.not_found', message: `no enterprise ${id}` });
        return;
      }
      const profile: EnterpriseProfile = {
        agency: id,
        enterprise: hazards[0]?.enterprise ?? own[0]?.enterprise ?? id,
        hazards,
        openHiddenHazards: open,
        hiddenHazardCounts: {
          open: open.length,
          overdue: open.filter((i) => i.overdueSince !== undefined).length,
          closed: own.length - open.length,
        },
        alarms: orderAlarms(alarms.values()),
        alarmsTruncated: recent.truncated,
      };
      res.json(profile);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
