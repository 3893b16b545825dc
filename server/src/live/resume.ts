import { compareStreamIds } from '@cc/shared';

const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

export interface StreamBounds {
  /** Id of the oldest retained entry, if any. */
  first: string | undefined;
  /** Id of the newest entry the server has seen. */
  last: string;
}

/**
 * How to bring a client from `since` to the present: replay the events after it, or send a
 * snapshot when it has none, gave something unreadable, is ahead of the stream (the stream was
 * reset), or the entries after it may have been trimmed away.
 */
export function resumePlan(since: string | undefined, bounds: StreamBounds): 'replay' | 'snapshot' {
  if (since === undefined || !STREAM_ID.test(since)) return 'snapshot';
  if (compareStreamIds(since, bounds.last) > 0) return 'snapshot';
  if (compareStreamIds(since, bounds.last) === 0) return 'replay';
  // Trimming removes from the head only: if the oldest retained entry is at or before `since`,
  // every entry after `since` is still there.
  if (bounds.first === undefined || compareStreamIds(bounds.first, since) > 0) return 'snapshot';
  return 'replay';
}
