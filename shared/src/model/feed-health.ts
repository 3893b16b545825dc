import { z } from 'zod';
import { FEED_ERROR_CODES, type FeedErrorCode } from '../errors';

/** Seconds of per-second buckets the message rate is averaged over. */
export const FEED_RATE_WINDOW_S = 60;

/** A feed with no message for longer than this is reported silent (default of `GET /api/v1/feeds`). */
export const FEED_SILENT_AFTER_MS = 60_000;

/** A feed that declares its expected interval is silent after this many intervals without a message. */
export const FEED_SILENT_INTERVALS = 3;

/** How long a feed may be quiet before it reads as interrupted: its declared interval, or the default. */
export function feedSilentAfterMs(expectedIntervalSeconds: number | undefined): number {
  return expectedIntervalSeconds === undefined
    ? FEED_SILENT_AFTER_MS
    : expectedIntervalSeconds * 1000 * FEED_SILENT_INTERVALS;
}

/**
 * A feed as the wall judges it: `never` (nothing received yet: not a failure, the agency may not
 * have started), `silent` (quiet longer than its bound) or `ok`.
 */
export type FeedState = 'ok' | 'silent' | 'never';

export function feedStateOf(
  lastMessageAt: number | null,
  now: number,
  silentAfterMs: number,
): FeedState {
  if (lastMessageAt === null) return 'never';
  return now - lastMessageAt > silentAfterMs ? 'silent' : 'ok';
}

/** Counter fields of an agency's feed-health hash, besides one `code:{code}` field per reject code. */
export const FEED_COUNT_FIELDS = [
  'messages',
  'applied',
  'duplicates',
  'late',
  'rejected',
  'outside',
] as const;
export type FeedCountField = (typeof FEED_COUNT_FIELDS)[number];

/** A feed that stored something outside the service area this recently is flagged on the wall. */
export const FEED_OUTSIDE_RECENT_MS = 10 * 60_000;

/** The hash field counting one reject code. */
export const rejectCodeField = (code: FeedErrorCode) => `code:${code}`;

/** One agency's feed as `GET /api/v1/feeds` reports it. */
export const FeedHealth = z.object({
  agency: z.string(),
  /** When ingest last received a message from the agency (epoch ms); null if never. */
  lastMessageAt: z.number().nullable(),
  /** Messages per second, averaged over the last minute. */
  messagesPerSecond: z.number(),
  /** Messages received (a batch counts once). */
  total: z.number().int(),
  /** Items applied, repeated (already stored) and late (kept as history only). */
  applied: z.number().int(),
  duplicates: z.number().int(),
  late: z.number().int(),
  /** Refusals: one per refused item, or one for a message refused whole. */
  rejected: z.number().int(),
  rejectsByCode: z.partialRecord(
    z.enum(Object.keys(FEED_ERROR_CODES) as [FeedErrorCode]),
    z.number(),
  ),
  /** Nothing received for longer than the silence bound. */
  silent: z.boolean(),
  /** Items stored with a position or area outside the service area (warned, not refused). */
  outsideArea: z.number().int(),
  /** When the last of them was received (epoch ms); null if never. */
  lastOutsideAt: z.number().nullable(),
});
export type FeedHealth = z.infer<typeof FeedHealth>;

export const FeedsResponse = z.object({
  /** Server time of the report (epoch ms). */
  at: z.number(),
  silentAfterMs: z.number(),
  feeds: z.array(FeedHealth),
});
export type FeedsResponse = z.infer<typeof FeedsResponse>;

/** What Redis holds for one agency, as read. */
export interface StoredFeedHealth {
  agency: string;
  lastMessageAt: number | null;
  /** The counters hash. */
  counts: Record<string, string>;
  /** Message counts of the last `FEED_RATE_WINDOW_S` seconds (missing buckets are null). */
  buckets: readonly (string | null)[];
  /** When something outside the service area was last received (epoch ms); null if never. */
  lastOutsideAt?: number | null;
}

/** Derives the reported health from the stored counters; pure. */
export function feedHealthOf(
  stored: StoredFeedHealth,
  now: number,
  silentAfterMs = FEED_SILENT_AFTER_MS,
): FeedHealth {
  const count = (field: string) => Number(stored.counts[field] ?? 0) || 0;
  const rejectsByCode: FeedHealth['rejectsByCode'] = {};
  for (const code of Object.keys(FEED_ERROR_CODES) as FeedErrorCode[]) {
    const n = count(rejectCodeField(code));
    if (n > 0) rejectsByCode[code] = n;
  }
  const recent = stored.buckets.reduce((sum, b) => sum + (Number(b ?? 0) || 0), 0);
  return {
    agency: stored.agency,
    lastMessageAt: stored.lastMessageAt,
    messagesPerSecond: Math.round((recent / FEED_RATE_WINDOW_S) * 1000) / 1000,
    total: count('messages'),
    applied: count('applied'),
    duplicates: count('duplicates'),
    late: count('late'),
    rejected: count('rejected'),
    rejectsByCode,
    silent: stored.lastMessageAt === null || now - stored.lastMessageAt > silentAfterMs,
    outsideArea: count('outside'),
    lastOutsideAt: stored.lastOutsideAt ?? null,
  };
}

/** Whether the wall flags a feed as sending positions outside the service area: recently so. */
export function outsideRecently(lastOutsideAt: number | null | undefined, now: number): boolean {
  return lastOutsideAt != null && now - lastOutsideAt <= FEED_OUTSIDE_RECENT_MS;
}

/** The epoch seconds whose buckets make up the rate at `now`, oldest first. */
export function rateWindow(now: number): number[] {
  const current = Math.floor(now / 1000);
  return Array.from({ length: FEED_RATE_WINDOW_S }, (_, i) => current - FEED_RATE_WINDOW_S + 1 + i);
}
