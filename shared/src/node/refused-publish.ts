import { z } from 'zod';
import { FEED_ERROR_CODES, type FeedErrorCode } from '../errors';
import type { Verdict } from './acl';

/** Bytes of a refused payload the broker passes on: what a reject notice's excerpt shows. */
export const REFUSED_EXCERPT_BYTES = 256;

/**
 * A publish the embedded broker refused, as it hands it to ingest on `{root}/{agency}/$refused`
 * (`Topics.refused`) instead of dropping it: the agency's original topic, why it was refused and
 * the start of its payload (base64, it may not be text). Ingest records it in the `rejects`
 * stream and feed health and sends the agency its notice, like any refusal of its own.
 */
export const RefusedPublish = z.strictObject({
  topic: z.string().max(65_535),
  code: z.enum(Object.keys(FEED_ERROR_CODES) as [FeedErrorCode]),
  reason: z.string().max(1_000),
  excerpt: z.base64().max(4 * Math.ceil(REFUSED_EXCERPT_BYTES / 3)),
});
export type RefusedPublish = z.infer<typeof RefusedPublish>;

/** The payload the broker publishes in place of a refused one. */
export function wrapRefused(
  topic: string,
  payload: Buffer,
  verdict: Extract<Verdict, { ok: false }>,
): Buffer {
  const refused: RefusedPublish = {
    topic,
    code: verdict.code,
    reason: verdict.reason,
    excerpt: payload.subarray(0, REFUSED_EXCERPT_BYTES).toString('base64'),
  };
  return Buffer.from(JSON.stringify(refused));
}

/** Reads a wrapped refusal back; undefined when the payload is not one. */
export function unwrapRefused(
  payload: Buffer,
): (Omit<RefusedPublish, 'excerpt'> & { excerpt: Buffer }) | undefined {
  let data: unknown;
  try {
    data = JSON.parse(payload.toString('utf8'));
  } catch {
    // Not JSON, so not a wrapper: the caller refuses it as such.
    return undefined;
  }
  const parsed = RefusedPublish.safeParse(data);
  if (!parsed.success) return undefined;
  return { ...parsed.data, excerpt: Buffer.from(parsed.data.excerpt, 'base64') };
}
