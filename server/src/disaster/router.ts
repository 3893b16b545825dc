import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import {
  API,
  DisasterReport,
  DisasterReportFields,
  DisasterReportId,
  DisasterReportStatus,
  can,
  chinaDate,
  disasterTotals,
  districtsForCode,
  missingReports,
  type Identity,
  type ReporterArea,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { checkCommand, httpStatus } from '../commands/check';
import type { CommandService } from '../commands/service';
import { jsonObjectBody } from '../http/errors';
import { receivePhoto, sendPhoto } from '../http/photos';
import { invalidQuery } from '../query/invalid';

export interface DisasterRouteOptions {
  redis: Redis;
  keys: Keys;
  commands: CommandService;
  /** The areas officers report for (from the users file as last loaded). */
  reporterAreas: () => ReporterArea[];
  /** Photos go under `{photosDir}/disaster` (never in Redis); created when missing. */
  photosDir: string;
  photoMaxBytes: number;
  now?: () => number;
  onUnreadable?: (id: string, err: unknown) => void;
}

/** What a phone sends: the report's own id (its phone's UUID) and the fields. */
export const ReportBody = DisasterReportFields.extend({ id: DisasterReportId });

const ListQuery = z.strictObject({
  status: DisasterReportStatus.optional(),
  type: z.enum(['disaster', 'zero']).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  incidentId: z.string().min(3).max(140).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const forbidden = (message: string) => ({ code: 'auth.forbidden', message });

/** Whether an officer's area covers a report: its own town, or every town of its district. */
function covers(area: ReporterArea, report: DisasterReport): boolean {
  return area.code.length === 6 ? report.district === area.code : report.area.code === area.code;
}

/**
 * Which reports the caller may read: every one for those who read the picture, an officer its
 * own area's; undefined = none (403).
 */
function readable(identity: Identity | undefined): ((r: DisasterReport) => boolean) | undefined {
  if (can(identity, 'read:picture')) return () => true;
  const area = identity?.role === 'reporter' ? identity.area : undefined;
  return area ? (r) => covers(area, r) : undefined;
}

function invalidBody(error: z.ZodError) {
  const issue = error.issues[0];
  const p = (issue?.path ?? []).filter((x) => typeof x !== 'symbol');
  return {
    code: 'request.invalid',
    message: `${p.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`,
    path: p,
  };
}

const districtName = (code: string) => districtsForCode(code)[0]?.name ?? code;

/**
 * Disaster information officers (报灾) and the bureau's verification (核灾): reports and 零报告
 * are commands (`disaster.report`, `disaster.zero`) that ingest stores; the server reads
 * `state:disasterreport` for lists and totals. Photos are files on disk.
 */
export function createDisasterRouter(options: DisasterRouteOptions): Router {
  const { redis, keys, commands, photoMaxBytes } = options;
  const now = options.now ?? Date.now;
  const photosDir = path.join(options.photosDir, 'disaster');
  mkdirSync(photosDir, { recursive: true });
  const router = Router();

  async function all(): Promise<DisasterReport[]> {
    const hash = await redis.hGetAll(keys.state('disasterreport'));
    const out: DisasterReport[] = [];
    for (const [id, json] of Object.entries(hash)) {
      try {
        out.push(DisasterReport.parse(JSON.parse(json)));
      } catch (err) {
        options.onUnreadable?.(id, err);
      }
    }
    return out.sort((a, b) => b.reportedAt - a.reportedAt);
  }

  // 报灾: the phone's id makes the command's, so a resend is answered as the first send was.
  router.post(API.disasterReports, ...jsonObjectBody('32kb'), async (req, res, next) => {
    try {
      if (!can(req.identity, 'disaster:report')) {
        return void res.status(403).json(forbidden('only disaster information officers report'));
      }
      const parsed = ReportBody.safeParse(req.body);
      if (!parsed.success) return void res.status(400).json(invalidBody(parsed.error));
      const { id, ...report } = parsed.data;
      const command = { type: 'disaster.report', commandId: `dr:${id}`, reportId: id, report };
      const result = await commands.submitAs(req.identity, checkCommand(req.identity, command));
      const status = httpStatus(result);
      const created = result.ok && result.eventIds.length > 0;
      res.status(status === 200 && created ? 201 : status).json({ ...result, id });
    } catch (err) {
      next(err);
    }
  });

  router.post(API.disasterZero, async (req, res, next) => {
    try {
      const identity = req.identity;
      if (!can(identity, 'disaster:report') || !identity?.area) {
        return void res.status(403).json(forbidden('only disaster information officers report'));
      }
      const command = { type: 'disaster.zero', commandId: randomUUID() };
      const result = await commands.submitAs(identity, checkCommand(identity, command));
      res.status(httpStatus(result)).json(result);
    } catch (err) {
      next(err);
    }
  });

  // The officer's own page: who and where, and what its area sent today.
  router.get(API.disasterMe, async (req, res, next) => {
    try {
      const identity = req.identity;
      const area = identity?.role === 'reporter' ? identity.area : undefined;
      if (!area) return void res.status(403).json(forbidden('for disaster information officers'));
      const date = chinaDate(now());
      const today = (await all()).filter((r) => covers(area, r) && r.date === date);
      res.json({ name: identity?.name ?? identity?.sub, area, date, today });
    } catch (err) {
      next(err);
    }
  });

  router.get(API.disasterTotals, async (req, res, next) => {
    try {
      if (!can(req.identity, 'read:picture')) {
        return void res.status(403).json(forbidden('your role may not read the totals'));
      }
      const reports = await all();
      const date = chinaDate(now());
      const incidentIds = [
        ...new Set(reports.flatMap((r) => (r.incidentId ? [r.incidentId] : []))),
      ];
      const incidents = incidentIds.map((incidentId) => ({
        incidentId,
        ...disasterTotals(reports, (r) => r.incidentId === incidentId, districtName).all,
      }));
      res.json({
        date,
        ...disasterTotals(reports, () => true, districtName),
        incidents,
        pending: reports.filter((r) => r.type === 'disaster' && r.status === 'pending').length,
        expected: options.reporterAreas(),
        missing: missingReports(options.reporterAreas(), reports, date),
      });
    } catch (err) {
      next(err);
    }
  });

  router.post(
    API.disasterPhotos,
    (req, res, next) => {
      if (can(req.identity, 'disaster:report')) return next();
      res.status(403).json(forbidden('only disaster information officers upload report photos'));
    },
    ...receivePhoto(photosDir, photoMaxBytes),
  );

  router.get(
    API.disasterPhoto,
    (req, res, next) => {
      if (can(req.identity, 'read:picture') || can(req.identity, 'disaster:report')) return next();
      res.status(403).json(forbidden('your role may not read report photos'));
    },
    sendPhoto(photosDir),
  );

  router.get(API.disasterReports, async (req, res, next) => {
    try {
      const may = readable(req.identity);
      if (!may) return void res.status(403).json(forbidden('your role may not read reports'));
      const q = ListQuery.safeParse(req.query);
      if (!q.success) return void res.status(400).json(invalidQuery(q.error));
      const f = q.data;
      const items = (await all()).filter(
        (r) =>
          may(r) &&
          (f.status === undefined || r.status === f.status) &&
          (f.type === undefined || r.type === f.type) &&
          (f.district === undefined || r.district === f.district) &&
          (f.incidentId === undefined || r.incidentId === f.incidentId) &&
          (f.date === undefined || r.date === f.date),
      );
      res.json({ items, total: items.length });
    } catch (err) {
      next(err);
    }
  });

  router.get(API.disasterReport, async (req, res, next) => {
    try {
      const may = readable(req.identity);
      if (!may) return void res.status(403).json(forbidden('your role may not read reports'));
      const json = await redis.hGet(keys.state('disasterreport'), String(req.params.id));
      const item = json ? DisasterReport.safeParse(JSON.parse(json)) : undefined;
      if (!item?.success) {
        return void res.status(404).json({ code: 'api.not_found', message: 'no such report' });
      }
      if (!may(item.data)) {
        return void res.status(403).json(forbidden('the report is of another area'));
      }
      res.json(item.data);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
