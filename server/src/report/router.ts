import { Router, type Response } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import type { Keys, Logger, Redis } from '@cc/shared/node';
import { allow } from '../auth/middleware';
import { invalidQuery } from '../query/invalid';
import { buildIncidentReport, UnknownIncident } from './build';
import { renderReportHtml, renderReportPage, REPORT_CSS } from './html';
import { NoChromium, type PdfPrinter } from './pdf';

export const REPORT_PATH = '/api/v1/incidents/:id/report';

const Id = z.string().min(3).max(140);
const Query = z.strictObject({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export interface ReportRouterOptions {
  redis: Redis;
  keys: Keys;
  /** The archive; absent = reports from the live picture only. */
  pool: pg.Pool | undefined;
  printer: PdfPrinter;
  log: Logger;
}

/**
 * The incident after-action report: `GET /api/v1/incidents/{id}/report` (JSON),
 * `…/report/page` (the printable fragment and its styles, which the tablet shows) and `…/report.pdf` (printed here).
 * Viewers and up.
 */
export function createReportRouter(options: ReportRouterOptions): Router {
  const { redis, keys, pool, printer, log } = options;
  const router = Router();

  const build = async (id: string, res: Response) => {
    try {
      return await buildIncidentReport({ pool, redis, keys }, id);
    } catch (err) {
      if (err instanceof UnknownIncident) {
        res.status(404).json({ code: 'api.not_found', message: `no incident ${id}` });
        return undefined;
      }
      const e = err as Error & { code?: string };
      // The archive is down or unreachable: say so rather than a generic failure.
      if (pool && (e.code === 'ECONNREFUSED' || /connect|terminat|timeout/i.test(e.message))) {
        log.warn({ err: e.message }, 'report: archive unreachable');
        res.status(503).json({
          code: 'report.archive_unavailable',
          message: `the archive (PostgreSQL) does not answer: ${e.message}`,
        });
        return undefined;
      }
      throw err;
    }
  };
  const params = (req: { params: Record<string, unknown>; query: unknown }, res: Response) => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) {
      res
        .status(400)
        .json({ code: 'api.invalid', message: 'the incident id must be 3–140 characters' });
      return undefined;
    }
    const query = Query.safeParse(req.query);
    if (!query.success) {
      res.status(400).json(invalidQuery(query.error));
      return undefined;
    }
    return { id: id.data, lang: query.data.lang };
  };

  router.get(`${REPORT_PATH}.pdf`, allow('read:picture'), async (req, res, next) => {
    try {
      const p = params(req, res);
      if (!p) return;
      const report = await build(p.id, res);
      if (!report) return;
      let pdf: Buffer;
      try {
        pdf = await printer.print(renderReportPage(report, p.lang));
      } catch (err) {
        if (err instanceof NoChromium) {
          res.status(503).json({ code: 'report.pdf_unavailable', message: err.message });
          return;
        }
        throw err;
      }
      const file = `incident-report-${p.id.replace(/[^\w-]+/g, '_')}.pdf`;
      res
        .status(200)
        .type('application/pdf')
        .set('content-disposition', `inline; filename="${file}"`)
        .send(pdf);
    } catch (err) {
      next(err);
    }
  });

  router.get(`${REPORT_PATH}/page`, allow('read:picture'), async (req, res, next) => {
    try {
      const p = params(req, res);
      if (!p) return;
      const report = await build(p.id, res);
      if (!report) return;
      res.json({ css: REPORT_CSS, html: renderReportHtml(report, p.lang) });
    } catch (err) {
      next(err);
    }
  });

  router.get(REPORT_PATH, allow('read:picture'), async (req, res, next) => {
    try {
      const p = params(req, res);
      if (!p) return;
      const report = await build(p.id, res);
      if (report) res.json(report);
    } catch (err) {
      next(err);
    }
  });

  return router;
}
