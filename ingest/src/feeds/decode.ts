import type { z } from 'zod';
import {
  BATCH_MAX,
  FEED_PARSE,
  FeedError,
  PROBLEMS_MAX,
  reasonAt,
  type IssuePath,
  type Problem,
} from '@cc/shared';
import { guardJson } from './json-guard';
import type { FeedContext } from './context';

/** Strict UTF-8, made once (decoding without `stream` keeps no state between calls). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A payload as text: refused when over the size limit or not UTF-8 (with the format's code). */
export function payloadText(
  payload: Buffer,
  maxBytes: number,
  notUtf8: 'feed.bad_json' | 'feed.bad_xml',
): string {
  if (payload.byteLength > maxBytes) {
    throw new FeedError(
      'feed.too_large',
      `payload is ${payload.byteLength} bytes; limit ${maxBytes}`,
    );
  }
  try {
    return UTF8.decode(payload);
  } catch {
    throw new FeedError(notUtf8, 'payload is not valid UTF-8');
  }
}

/**
 * Runs `make` capturing no stack trace for the errors made meanwhile (V8): a parser's or zod's
 * error becomes a refusal at once, and capturing its stack cost more than the rest of refusing.
 */
function withoutStack<T>(make: () => T): T {
  const E = Error as { stackTraceLimit?: number | undefined };
  const limit = E.stackTraceLimit;
  E.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    E.stackTraceLimit = limit;
  }
}

/**
 * Parses a feed payload; refuses oversized, non-UTF-8, non-JSON, too deeply nested input,
 * forbidden keys and NaN / Infinity, each with a specific code and reason.
 */
export function decodeJson(payload: Buffer, maxBytes: number): unknown {
  const text = payloadText(payload, maxBytes, 'feed.bad_json');
  guardJson(text);
  try {
    return withoutStack(() => JSON.parse(text) as unknown);
  } catch (err) {
    throw new FeedError('feed.bad_json', `payload is not JSON: ${(err as Error).message}`);
  }
}

function describePath(path: IssuePath): string {
  return path.length === 0 ? '(message)' : path.join('.');
}

/** The problems of zod's issues, each with its full path, unknown fields one by one. */
function problemsOf(issues: readonly z.core.$ZodIssue[], at: IssuePath): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key.length > 64 ? `${key.slice(0, 64)}…` : key];
        problems.push({ path: keyPath, reason: reasonAt(keyPath, 'unknown field') });
        if (problems.length > PROBLEMS_MAX) break;
      }
    } else {
      problems.push({ path, reason: reasonAt(path, issue.message) });
    }
    if (problems.length > PROBLEMS_MAX) break;
  }
  return problems;
}

/**
 * Validates one item against its schema. The error names the first offending field in its
 * reason and path, and lists every problem (up to PROBLEMS_MAX) in words a developer acts on.
 */
export function validate<T extends z.ZodType>(schema: T, value: unknown, at: IssuePath = []) {
  const result = schema.safeParse(value, FEED_PARSE);
  if (result.success) return result.data as z.output<T>;
  // zod makes its error (an Error) when it is first read.
  const issues = withoutStack(() => result.error.issues);
  const problems = problemsOf(issues, at);
  const first = issues[0]!;
  const listed = problems.slice(0, PROBLEMS_MAX);
  if (problems.length > PROBLEMS_MAX) {
    listed.push({ path: at, reason: `${reasonAt(at, 'has more problems')}, not listed` });
  }
  let reason = problems[0]!.reason;
  if (first.code === 'unrecognized_keys' && first.keys.length > 1) {
    // The unknown field is the offending one, not its parent object; name it, not all of them.
    reason += ` (and ${first.keys.length - 1} more unknown fields)`;
  }
  throw new FeedError('feed.invalid', reason, problems[0]!.path, listed);
}

/** One message or a batch: each item stands or falls on its own. */
export function itemsOf(decoded: unknown): { items: unknown[]; batch: boolean } {
  if (!Array.isArray(decoded)) return { items: [decoded], batch: false };
  if (decoded.length === 0) throw new FeedError('feed.invalid', 'batch is empty', []);
  if (decoded.length > BATCH_MAX) {
    throw new FeedError(
      'feed.too_large',
      `batch of ${decoded.length} items; at most ${BATCH_MAX} per message`,
    );
  }
  return { items: decoded, batch: true };
}

/**
 * How old an observation of each kind may be: readings and positions (`telemetry`: a gateway or
 * tracker flushing its backlog), incidents, warnings and order answers (`event`: what is shown as
 * happening now), hazards, places, risk areas and resources (`registration`: a definition that
 * may stand unchanged for years). Older ones are refused as `feed.past_ts`.
 */
export type PastBound = 'telemetry' | 'event' | 'registration';

const PAST_SETTING = {
  telemetry: 'MAX_PAST_TELEMETRY_S',
  event: 'MAX_PAST_EVENT_S',
  registration: 'MAX_PAST_REGISTRATION_S',
} as const;

const PAST_WHAT: Record<PastBound, string> = {
  telemetry: 'readings and positions',
  event: 'incidents, warnings and order answers',
  registration: 'hazards, places, risk areas and resources',
};

/** The past bound of a kind, in ms: older observations are refused (and pruned tombstones gone). */
export function pastBoundMs(config: FeedContext['config'], bound: PastBound): number {
  return config[PAST_SETTING[bound]] * 1000;
}

/** A duration in days, hours or seconds, whichever reads best. */
function span(ms: number): string {
  const s = ms / 1000;
  if (s % 86_400 === 0) return `${s / 86_400} days`;
  if (s % 3_600 === 0) return `${s / 3_600} hours`;
  return `${s} s`;
}

/**
 * Observation time in epoch ms, refused when too far ahead of this clock (`MAX_FUTURE_SKEW_S`)
 * or further behind it than its kind's past bound.
 */
export function observedAt(
  ctx: Pick<FeedContext, 'config' | 'now'>,
  ts: string,
  at: IssuePath,
  bound: PastBound,
): number {
  const maxSkewMs = ctx.config.MAX_FUTURE_SKEW_S * 1000;
  const now = ctx.now();
  const ms = Date.parse(ts);
  if (ms > now + maxSkewMs) {
    throw new FeedError(
      'feed.future_ts',
      `${describePath([...at, 'ts'])}: ${ts} is more than ${maxSkewMs / 1000} s ahead of the clock`,
      [...at, 'ts'],
    );
  }
  const maxAgeMs = pastBoundMs(ctx.config, bound);
  if (ms < now - maxAgeMs) {
    throw new FeedError(
      'feed.past_ts',
      `${describePath([...at, 'ts'])}: ${ts} is more than ${span(maxAgeMs)} behind the clock (the bound for ${PAST_WHAT[bound]})`,
      [...at, 'ts'],
    );
  }
  return ms;
}
