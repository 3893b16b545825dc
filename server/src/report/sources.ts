import type pg from 'pg';
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
 * What reports are made from: the server's one read pool on the archive (replay/archive.ts's
 * `createArchivePool`, lazy, so a server whose archive is down still starts; its owner ends it)
 * and the PDF printer.
 */
export function createReportSources(pool: pg.Pool | undefined, log: Logger): ReportSourcesHandle {
  const printer = createPdfPrinter(log);
  return {
    pool,
    printer,
    log,
    async close() {
      await printer.close();
    },
  };
}
