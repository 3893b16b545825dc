import { Reading, Sensor } from '@cc/shared';
import { createBasisCache } from './sensor-state';

/**
 * Stored JSON → parsed value, remembered by the exact stored text. Validating stored state on
 * every reading was most of the hot path's CPU; the same text always parses to the same value,
 * so this is never stale: Redis is still read for every batch, only the parse is skipped when
 * the text is one seen before (a sensor definition, or the reading this worker just wrote).
 * Values are shared: treat them as immutable. Two generations bound the memory.
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
    /** A value this worker is about to store as `json`: the next read of it needs no parse. */
    remember(json: string, value: T) {
      keep(json, value);
    },
  };
}

/** What the reading hot path keeps between batches; sized for a province's sensors. */
export function createStoredState(limit = 200_000) {
  return {
    sensor: createParseMemo(Sensor, limit),
    reading: createParseMemo(Reading, limit),
    bases: createBasisCache(limit),
  };
}
export type StoredState = ReturnType<typeof createStoredState>;
