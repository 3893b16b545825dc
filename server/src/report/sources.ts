import pg from 'pg';
import type { Logger } from '@cc/shared/node';
import { createPdfPrinter, type PdfPrinter } from './pdf';

export interface ReportSourcesHandle {
  /** The archive (`DATABASE_URL`); undefined = reports from the live picture alone. */
  pool: pg.Pool | undefined;
  printer: PdfPrinter;
  log: Logger;
  close(): Promise<void>;
}

/**
 * What reports are made from: a small read pool on the archive (connected on first use, so a
 * server whose archive is down still starts) and the PDF printer.
 */
export function createReportSources(
  databaseUrl: string | undefined,
  log: Logger,
): ReportSourcesHandle {
  const pool = databaseUrl
    ? new pg.Pool({
        connectionString: databaseUrl,
        max: 2,
        connectionTimeoutMillis: 3_000,
        idleTimeoutMillis: 30_000,
        application_name: 'cc-server-reports',
      })
    : undefined;
  pool?.on('error', (err) => log.warn({ err: err.message }, 'report archive connection lost'));
  const printer = createPdfPrinter(log);
  return {
    pool,
    printer,
    log,
    async close() {
      await printer.close();
      await pool?.end().catch(() => {});
    },
  };
}
