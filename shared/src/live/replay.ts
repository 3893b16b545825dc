import type { Position, Reading } from '../model/entities';
import type { StampedEvent } from '../model/events';
import type { Snapshot } from './protocol';

/** `GET /api/v1/replay/snapshot?at=`: the picture as it was at `at`, built from the archive. */
export interface ReplayPicture {
  /** In the live snapshot's shape; `at` is the moment asked for, `eventId` the last event it reflects. */
  snapshot: Snapshot;
  /** When the checkpoint it started from was taken (epoch ms); null: from the archive's start. */
  checkpointAt: number | null;
  /** Archived events applied on top of the checkpoint. */
  eventsApplied: number;
}

/** `GET /api/v1/replay/events?from=&to=`: what happened in (from, to], to play forward. */
export interface ReplaySpan {
  from: number;
  /** The end of what this answer covers: `to`, or less when it was cut at `limit`. */
  to: number;
  /** Events stored in the span, in stream order. */
  events: StampedEvent[];
  /** Archived readings and positions observed in the span (downsampled), in time order. */
  readings: Reading[];
  positions: Position[];
  /** True when the answer was cut: ask again from `to`. */
  more: boolean;
}

/** `GET /api/v1/replay/range`: the span the archive covers (epoch ms), null when it is empty. */
export interface ReplayRange {
  first: number | null;
  last: number | null;
}
