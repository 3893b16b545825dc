import type { FeedError } from '@cc/shared';
import type { Config, Keys, Logger, Redis } from '@cc/shared/node';
import type { StoredState } from './stored';
import type { ServiceArea } from './service-area';

/** What a feed handler may use: Redis and its keys, limits, a clock. */
export interface FeedContext {
  redis: Redis;
  keys: Keys;
  config: Pick<
    Config,
    | 'MAX_FUTURE_SKEW_S'
    | 'MAX_PAST_TELEMETRY_S'
    | 'MAX_PAST_EVENT_S'
    | 'MAX_PAST_REGISTRATION_S'
    | 'EVENTS_MAXLEN'
    | 'TELEMETRY_MAXLEN'
    | 'SERIES_MAXLEN'
  >;
  log: Logger;
  now: () => number;
  /** Parsed stored state remembered across batches (the reading hot path); absent = parse each time. */
  stored?: StoredState;
  /** Positions and areas outside it are stored with a warning; absent = none is checked. */
  serviceArea?: ServiceArea;
  /**
   * The risk assessor (`RISK_ASSESSMENT`): told which hazards changed (a registration, a tank
   * level, an alarm), it regrades them shortly after. Absent = off.
   */
  risk?: { touch(hazardId: string): void };
}

/** What became of one item of a message (a message is one item or a batch). */
export type Outcome =
  /** `warning`: stored, but worth a look (a position outside the service area); `id` its item's. */
  | { status: 'applied'; warning?: FeedError; id?: string }
  | { status: 'duplicate' }
  /** Older than the stored observation: kept in history, leaves the current state alone. */
  | { status: 'late' }
  | { status: 'rejected'; error: FeedError; id?: string };

/** One handler per feed kind: validate, normalize and write each item; never throw a FeedError. */
export type FeedHandler = (
  ctx: FeedContext,
  agency: string,
  items: readonly unknown[],
  /** True when the message was a JSON array: paths then start with the item's index. */
  batch: boolean,
) => Promise<Outcome[]>;

/** Attempts at a compare-and-set write before giving up on a hot entity. */
export const CAS_ATTEMPTS = 5;

/**
 * When a batch may read and write, relative to the batch before it: readings and positions are
 * read, evaluated and written once the previous batch's are sent (Redis runs one connection's
 * commands in order: it sees them and writes after them); events, and readings redone after a
 * failed guard, once the previous batch is stored.
 */
export interface BatchOrder {
  readAfter: Promise<void>;
  writeAfter: Promise<void>;
  /**
   * Called once the batch's first step has sent the writes nobody holds back (a batch's bulk
   * behind events goes later; the pipeline holds the next batch's bulk of those agencies).
   */
  sent: () => void;
  /**
   * Settles once the batch is stored or given up, whatever the attempt: the same promise for
   * every attempt at one batch. Absent: the call is a batch of its own.
   */
  done?: Promise<void>;
}

/** For a batch that has no predecessor in flight. */
export const FIRST_BATCH: BatchOrder = {
  readAfter: Promise.resolve(),
  writeAfter: Promise.resolve(),
  sent: () => {},
};
