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
  | 'riskarea'
  | 'order'
  | 'place'
  | 'station'
  | 'zone'
  /** Watch flags: `obs:watch` orders the writes that set or clear them (field `{kind}:{id}`). */
  | 'watch'
  | 'hiddenhazard'
  | 'camera'
  | 'camerahealth'
  | 'duty'
  | 'report'
  /** Depots' stock ledgers (id: the depot's resource id). */
  | 'stock'
  | 'disasterreport';

/**
 * Every Redis key the product uses, built from one configurable prefix. No key string is spelled
 * anywhere else.
 */
export function createKeys(prefix: string) {
  return {
    prefix,
    /** Every state change; its entry ids are the sequence clients resume from. */
    events: `${prefix}events`,
    /**
     * Readings and positions as they are stored, for the servers to coalesce: one entry per
     * write of a few hundred (field `b`, a JSON array of `TelemetryEntry`), trimmed hard.
     */
    telemetry: `${prefix}telemetry`,
    /** Readings and positions ever added to the telemetry stream (a counter). */
    telemetryAdded: `${prefix}telemetry:added`,
    /** Refused feed messages with their reasons. */
    rejects: `${prefix}rejects`,
    state: (kind: StateKind) => `${prefix}state:${kind}`,
    /** Observation time (epoch ms) of each entity's stored state: the out-of-order guard. */
    obs: (kind: StateKind) => `${prefix}obs:${kind}`,
    /**
     * Short per-sensor history for charts: a list of `[ts,value]` JSON texts in the order they
     * were stored (late readings after newer ones), its newest `SERIES_MAXLEN` or a few more;
     * `historyPoints` reads it in time order. (`ts:{sensor}` was a sorted set: a point took
     * Redis longer to add than the rest of its reading's write, and five times the memory.)
     */
    series: (sensorId: string) => `${prefix}hist:${sensorId}`,
    /** A weather station's observations (sorted set, score: observed ms, member: JSON). */
    stationHistory: (stationId: string) => `${prefix}hist:station:${stationId}`,
    /** Resources by their latest position (GEO set, member: resource id): nearest-unit search. */
    geoResource: `${prefix}geo:resource`,
    /** Warning message id (`{agency}:{id}`) → id of the warning it shaped (alert, update, cancel). */
    warningRefs: `${prefix}warning:refs`,
    /** Sensor id or agency → id of its active offline alarm. */
    offline: `${prefix}offline`,
    /** Agency → version of its last liveness decision: the sweepers' compare-and-set guard. */
    offlineGuard: `${prefix}obs:offline`,
    /**
     * Field `last`: the hazard version (`{id}@{ts}`) that last changed any sensor definition. The
     * liveness sweep keeps every sensor's definition and re-reads them only when this moves.
     */
    sensorDefs: `${prefix}sensors:changed`,
    /**
     * Version of each hazard's (field: its id) and risk area's (field `area:{id}`) risk
     * assessment: the assessors' compare-and-set guard, so workers never write over each other.
     */
    riskGuard: `${prefix}obs:risk`,
    /**
     * Set of site ids (a hazard's `{agency}:{id}`) and enterprise ids (its agency id, or its
     * enterprise name) with an overdue major hidden hazard (重大隐患逾期): the hidden-hazard
     * loop writes it, the risk assessor raises their colour.
     */
    hiddenHazardsOverdueMajor: `${prefix}hh:overdue-major`,
    /** Feed health: agency → time (epoch ms) of its last message; also the list of agencies seen. */
    feedSeen: `${prefix}feed:seen`,
    /** Feed health: agency → time (epoch ms) it last sent something outside the service area. */
    feedOutside: `${prefix}feed:outside`,
    /** Feed health counters of one agency (hash: messages, applied, ..., `code:{code}`). */
    feedCounts: (agency: string) => `${prefix}feed:counts:${agency}`,
    /** Messages of one agency in one epoch second; expires after the rate window. */
    feedRate: (agency: string, second: number) => `${prefix}feed:rate:${agency}:${second}`,
    /**
     * Ingest workers (hash: worker id → its last `IngestReport` JSON): every worker that ever
     * reported, so one that stops reporting is named. A worker retired for good is removed by
     * hand (`HDEL`).
     */
    ingestWorkers: `${prefix}ingest:workers`,
    /** A worker's liveness record (its `IngestReport` JSON), expiring unless written again. */
    ingestAlive: (worker: string) => `${prefix}ingest:alive:${worker}`,
    /** The archiver's liveness record (`ArchiverReport` JSON), expiring unless written again. */
    archiverAlive: `${prefix}archiver:alive`,
    /** Commanders' commands (`{command, identity, at}`), read by ingest through a consumer group. */
    commands: `${prefix}commands`,
    /** Who did what: one entry per command accepted by a server. */
    audit: `${prefix}audit`,
    /** A command's claim, then its `CommandResult` (JSON); expires: the idempotency window. */
    commandResult: (commandId: string) => `${prefix}command:result:${commandId}`,
    /** Pub/sub channel on which ingest announces each `CommandResult`. */
    commandResults: `${prefix}command:results`,
    /**
     * Sign-in limits, kept by rate-limiter-flexible under `{this}:{account|address}`: failed
     * attempts (`failures:*`), the back-off in force (`blocks:*`), and the addresses each
     * account signed in from (`trusted`).
     */
    signInLimit: (name: string) => `${prefix}signin:${name}`,
    /** Tip-off limits (rate-limiter-flexible): per address (`address`) and for everyone (`all`). */
    tipOffLimit: (name: string) => `${prefix}tipoff:${name}`,
  };
}
export type Keys = ReturnType<typeof createKeys>;
