import { z } from 'zod';

/**
 * The archive's state as the servers see it (`/readyz`, `/metrics`): the archiver's liveness
 * record and the consumer group it reads the `events` stream through.
 */

/** The consumer group the archiver reads the `events` and `telemetry` streams through. */
export const ARCHIVE_GROUP = 'archiver';
/** How often the archiver writes its liveness record. */
export const ARCHIVER_REPORT_MS = 1_000;
/** How long the record lives without being written again (a killed archiver reads as down). */
export const ARCHIVER_REPORT_TTL_MS = 5_000;

/** What the archiver says about itself every ARCHIVER_REPORT_MS. */
export const ArchiverReport = z.object({
  /** Its name in the consumer group (`ARCHIVER_CONSUMER`). */
  consumer: z.string(),
  /** When written, the archiver's clock (epoch ms). */
  at: z.number(),
  startedAt: z.number(),
  /** Whether its last write to PostgreSQL succeeded. */
  database: z.boolean(),
  /** Why the last write failed, while it does. */
  reason: z.string().optional(),
  /** When it last committed (epoch ms), if it has since it started. */
  lastCommitAt: z.number().optional(),
  /** Events, telemetry rows and snapshots it committed since it started. */
  events: z.number().int().nonnegative(),
  telemetryRows: z.number().int().nonnegative(),
  snapshots: z.number().int().nonnegative(),
});
export type ArchiverReport = z.infer<typeof ArchiverReport>;

/** The archive as `/readyz` reports it; it never makes a server unready (screens do not need it). */
export interface ArchiveStatus {
  /** The archiver's liveness record is live. */
  up: boolean;
  /** Its last write to PostgreSQL succeeded (null: no record). */
  database: boolean | null;
  /** Events stored in the stream and not yet delivered to the archiver (null: no group yet). */
  lag: number | null;
  /** Events delivered to the archiver and not yet committed and acknowledged. */
  pending: number | null;
  /** Telemetry stream entries (a write's few hundred readings each) not yet delivered to it. */
  telemetryLag: number | null;
  /** The archiver's last liveness record, live or not. */
  report: ArchiverReport | null;
}
