import type { FeedHarness } from './feed-harness';
import { reading } from './fixtures';
import { waitFor } from './wait';

const SENSOR = 'tank-farm-1-lt1';
/** Readings per MQTT message: ingest applies a batch in order, one commit per reading. */
const BATCH = 100;

/**
 * Produces events through the real pipeline: one sensor alternates above high-high and back to
 * normal, so each reading raises or clears an alarm, i.e. makes exactly one event.
 */
export function createEventMaker(h: FeedHarness, sensor = SENSOR) {
  // Observation times in the past, one second apart, always newer than the last one.
  let t = Date.now() - 3 * 3_600_000;
  let high = false;

  return {
    /** Publishes readings that make `n` events and resolves once ingest has stored the last one. */
    async make(n: number, timeoutMs = 60_000): Promise<void> {
      for (let done = 0; done < n; done += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, n - done) }, () => {
          high = !high;
          t += 1_000;
          return reading(sensor, high ? 97 : 50, t);
        });
        await h.publish('sensor', batch);
      }
      const last = t;
      await waitFor(async () => (await h.reading(sensor))?.ts === last, `${n} events`, timeoutMs);
    },
  };
}
export type EventMaker = ReturnType<typeof createEventMaker>;
