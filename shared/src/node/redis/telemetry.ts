import type { TelemetryEntry } from '../../live/protocol';
import { readBatchEntry } from './commit';

/**
 * The readings and positions of one entry of the `telemetry` stream, in the order they were
 * stored: an entry holds one write's worth (field `b`, see `AppendOp`); an entry of field `e`,
 * written one per reading before batches, holds one.
 */
export function telemetryOf(message: Record<string, string>): TelemetryEntry[] {
  if (message.e !== undefined) return [JSON.parse(message.e) as TelemetryEntry];
  return readBatchEntry(message) as TelemetryEntry[];
}
