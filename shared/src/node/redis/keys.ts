/** Kinds with a `state:{kind}` hash (id → current JSON) and an `obs:{kind}` hash (id → observed ms). */
export type StateKind =
  | 'hazard'
  | 'sensor'
  | 'reading'
  | 'alarm'
  | 'incident'
  | 'resource'
  | 'position'
  | 'warning'
  | 'riskarea';

/**
 * Every Redis key the product uses, built from one configurable prefix. No key string is spelled
 * anywhere else.
 */
export function createKeys(prefix: string) {
  return {
    prefix,
    /** Every state change; its entry ids are the sequence clients resume from. */
    events: `${prefix}events`,
    /** Readings and positions, trimmed hard. */
    telemetry: `${prefix}telemetry`,
    /** Refused feed messages with their reasons. */
    rejects: `${prefix}rejects`,
    state: (kind: StateKind) => `${prefix}state:${kind}`,
    /** Observation time (epoch ms) of each entity's stored state: the out-of-order guard. */
    obs: (kind: StateKind) => `${prefix}obs:${kind}`,
    /** Short per-sensor history for charts: a sorted set scored by observation time. */
    series: (sensorId: string) => `${prefix}ts:${sensorId}`,
  };
}
export type Keys = ReturnType<typeof createKeys>;
