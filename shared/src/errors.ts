/**
 * Why a feed message was refused. The code is stable (agencies may match on it); the message is
 * for people. The same code appears in the reject notice, the `rejects` stream and the log line.
 */
export const FEED_ERROR_CODES = {
  'feed.bad_topic': 'topic is not {root}/{agency}/{kind}[/{id}]',
  'feed.unknown_agency': 'no such agency is registered',
  'feed.unknown_kind': 'no such feed kind',
  'feed.forbidden_kind': 'the agencies file does not let this agency publish this kind',
  'feed.forbidden_topic':
    'a topic this account may not publish to (another agency’s, or one the command center writes)',
  'feed.too_large': 'payload exceeds the size limit',
  'feed.bad_json': 'payload is not valid JSON',
  'feed.too_deep': 'payload nests arrays or objects too deeply',
  'feed.forbidden_key': 'payload uses a forbidden key (__proto__, constructor, prototype)',
  'feed.invalid': 'a field is missing or has the wrong type or value',
  'feed.id_mismatch': 'the id in the topic differs from the id in the payload',
  'feed.unknown_sensor': 'no hazard registers this sensor',
  'feed.unknown_resource': 'no full resource message registered this resource',
  'feed.out_of_range': 'coordinates outside the valid range',
  'feed.future_ts': 'observation time too far in the future',
  'feed.past_ts': 'observation time further in the past than its kind allows',
  'feed.stale': 'older than the stored observation',
  'feed.internal': 'the command center could not apply the message; operators have it',
  'feed.bad_xml': 'not well-formed or not safe XML (DOCTYPE, entities, too deep, too long)',
  'feed.unknown_warning': 'an update or cancel names no warning this agency issued',
  'feed.unknown_geocode': 'an area code names no division the command center has an outline for',
  'feed.outside_area':
    'a position or area outside the service area (a warning: the message was stored all the same)',
  'feed.unknown_shelter': 'an occupancy update for a shelter no full shelter message registered',
} as const;
export type FeedErrorCode = keyof typeof FEED_ERROR_CODES;

export type IssuePath = (string | number)[];

/** One offending field of a message and why. */
export interface Problem {
  path: IssuePath;
  /** Reads alone: the field's path, then what is wrong and what a valid value looks like. */
  reason: string;
}

/** Problems listed per refused item, at most: a message with more says how many were left out. */
export const PROBLEMS_MAX = 20;

export class FeedError extends Error {
  override readonly name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    readonly path: IssuePath = [],
    /** Every problem found, the first being `message` at `path`; at most PROBLEMS_MAX. */
    readonly problems: readonly Problem[] = [{ path, reason: message }],
  ) {
    // A refusal is the message's fault, not the code's: its stack is never read, and capturing
    // it was the largest single cost of refusing a message (a flood of refusals must cost no
    // more than one of acceptances).
    const E = Error as { stackTraceLimit?: number | undefined };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(message);
    E.stackTraceLimit = limit;
  }
}

/**
 * A refused message, or a warning about a stored one (`severity: 'warning'`), as recorded in the
 * `rejects` stream and sent to the agency.
 */
export interface RejectNotice {
  /** When the command center refused it, epoch ms. */
  at: number;
  /** The same instant, ISO 8601 in UTC (`2026-11-28T00:00:01.234Z`). */
  time: string;
  /** `refusal`: nothing of the item was stored; `warning`: it was, and this is worth a look. */
  severity: 'refusal' | 'warning';
  agency: string;
  topic: string;
  code: FeedErrorCode;
  reason: string;
  /** Path of the offending field, e.g. `[2, "value"]` for the third reading of a batch. */
  path: IssuePath;
  /**
   * Every problem found in the item (the first is `reason` at `path`), at most PROBLEMS_MAX;
   * fix them all before sending again.
   */
  problems: Problem[];
  /** The message's own id, when it had one. */
  id?: string;
  /** The first bytes of the payload, for the agency's debugging. */
  excerpt: string;
}
