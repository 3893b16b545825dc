import { Reading, Sensor } from '@cc/shared';
import { createBasisCache } from './sensor-state';

/**
 * Stored JSON → parsed value, remembered by the exact stored text. Validating stored state on
 * every reading was most of the hot path's CPU; the same text always parses to the same value,
 * so this is never stale: the parse is skipped when the text is one seen before (a sensor
 * definition read again, by a batch or a sweep). Values are shared: treat them as immutable.
 * Two generations bound the memory.
 */
export function createParseMemo<T>(schema: { parse: (v: unknown) => T }, limit: number) {
  let current = new Map<string, T>();
  let previous = new Map<string, T>();
  const keep = (json: string, value: T) => {
    if (current.size >= limit) {
      previous = current;
      current = new Map();
    }
    current.set(json, value);
  };
  return {
    /** Parses (and validates) `json`, or returns the value it parsed to before. Throws if invalid. */
    parse(json: string): T {
      const hit = current.get(json) ?? previous.get(json);
      if (hit !== undefined) {
        if (!current.has(json)) keep(json, hit);
        return hit;
      }
      const value = schema.parse(JSON.parse(json));
      keep(json, value);
      return value;
    },
  };
}

/**
 * What the reading hot path keeps between batches, sized for a region's sensors. Readings are
 * parsed only when a sensor's state is read back (its basis is cached otherwise), so their memo
 * stays small.
 */
export function createStoredState(limit = 100_000) {
  return {
    sensor: createParseMemo(Sensor, limit),
    reading: createParseMemo(Reading, 10_000),
    bases: createBasisCache(limit),
  };
}
export type StoredState = ReturnType<typeof createStoredState>;
