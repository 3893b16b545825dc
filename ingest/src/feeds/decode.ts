import type { z } from 'zod';
import { FeedError, type IssuePath } from '@cc/shared';

/** JSON has no NaN or Infinity; name the field that carried one instead of a parser position. */
const NON_FINITE = /"([^"\\]{1,64})"\s*:\s*(-?Infinity|NaN)\b/;

/** Parses a feed payload; refuses oversized, non-UTF-8 and non-JSON input with a specific reason. */
export function decodeJson(payload: Buffer, maxBytes: number): unknown {
  if (payload.byteLength > maxBytes) {
    throw new FeedError(
      'feed.too_large',
      `payload is ${payload.byteLength} bytes; limit ${maxBytes}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    throw new FeedError('feed.bad_json', 'payload is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const nonFinite = NON_FINITE.exec(text);
    if (nonFinite) {
      throw new FeedError(
        'feed.invalid',
        `${nonFinite[1]}: ${nonFinite[2]} is not a number (JSON has no NaN or Infinity)`,
        [nonFinite[1]!],
      );
    }
    throw new FeedError('feed.bad_json', `payload is not JSON: ${(err as Error).message}`);
  }
}

function describePath(path: IssuePath): string {
  return path.length === 0 ? '(message)' : path.join('.');
}

/** Validates one item against its schema; the error names the first offending field. */
export function validate<T extends z.ZodType>(schema: T, value: unknown, at: IssuePath = []) {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<T>;
  const issue = result.error.issues[0]!;
  const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  // An unknown field is the offending one, not its parent object.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  throw new FeedError('feed.invalid', `${describePath(path)}: ${issue.message}`, path);
}

/** One message or a batch: each item stands or falls on its own. */
export function itemsOf(decoded: unknown): { items: unknown[]; batch: boolean } {
  if (!Array.isArray(decoded)) return { items: [decoded], batch: false };
  if (decoded.length === 0) throw new FeedError('feed.invalid', 'batch is empty', []);
  return { items: decoded, batch: true };
}

/** Observation time in epoch ms, refused when too far ahead of this clock. */
export function observedAt(ts: string, maxSkewMs: number, at: IssuePath, now = Date.now()): number {
  const ms = Date.parse(ts);
  if (ms > now + maxSkewMs) {
    throw new FeedError(
      'feed.future_ts',
      `${describePath([...at, 'ts'])}: ${ts} is more than ${maxSkewMs / 1000} s ahead of the clock`,
      [...at, 'ts'],
    );
  }
  return ms;
}
