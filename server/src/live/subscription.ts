import {
  EVENT_KINDS,
  type EventKind,
  type LngLat,
  type Position,
  type Reading,
  type Snapshot,
  type StampedEvent,
  type TelemetryFrame,
} from '@cc/shared';

/** What one screen asked for in its handshake: the kinds it shows, and where it looks. */
export interface Subscription {
  /** Undefined = every kind. */
  kinds?: ReadonlySet<EventKind>;
  /** Telemetry only from inside this box (minLon, minLat, maxLon, maxLat). */
  bbox?: readonly [number, number, number, number];
}

/** Everything, everywhere: the common case, served by one broadcast. */
export function isEverything(s: Subscription): boolean {
  return s.kinds === undefined && s.bbox === undefined;
}

/** The same text for the same subscription: screens that share one share what they are sent. */
export function subscriptionKey(s: Subscription): string {
  const kinds = s.kinds ? [...s.kinds].sort().join(',') : '*';
  return `${kinds}|${s.bbox?.join(',') ?? '*'}`;
}

/** Reads `layers` and `bbox` from a handshake; anything unreadable means "everything". */
export function parseSubscription(auth: { layers?: unknown; bbox?: unknown }): Subscription {
  const sub: Subscription = {};
  if (Array.isArray(auth.layers)) {
    const kinds = auth.layers.filter((k): k is EventKind => EVENT_KINDS.includes(k as EventKind));
    if (kinds.length > 0) sub.kinds = new Set(kinds);
  }
  const b = auth.bbox;
  if (
    Array.isArray(b) &&
    b.length === 4 &&
    b.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    b[0] <= b[2] &&
    b[1] <= b[3]
  ) {
    sub.bbox = [b[0], b[1], b[2], b[3]];
  }
  return sub;
}

/**
 * Kinds that travel with another: a camera's probe findings go where the camera goes, a depot's
 * stock ledger where the depot goes.
 */
const WITH: Partial<Record<EventKind, EventKind>> = { camerahealth: 'camera', stock: 'resource' };

function shows(s: Subscription, kind: EventKind): boolean {
  return s.kinds === undefined || s.kinds.has(WITH[kind] ?? kind);
}

function inside(s: Subscription, at: LngLat | undefined): boolean {
  if (!s.bbox) return true;
  if (!at) return false;
  const [minLon, minLat, maxLon, maxLat] = s.bbox;
  return at[0] >= minLon && at[0] <= maxLon && at[1] >= minLat && at[1] <= maxLat;
}

/** The events of the kinds a screen shows, in order. */
export function filterEvents(s: Subscription, events: readonly StampedEvent[]): StampedEvent[] {
  return s.kinds === undefined ? [...events] : events.filter((e) => shows(s, e.kind));
}

/** The parts of a snapshot a screen shows (readings go with hazards, positions with resources). */
export function filterSnapshot(s: Subscription, snap: Snapshot): Snapshot {
  if (s.kinds === undefined) return snap;
  const keep = <T>(kind: EventKind, items: T[]): T[] => (shows(s, kind) ? items : []);
  return {
    ...snap,
    hazards: keep('hazard', snap.hazards),
    readings: keep('hazard', snap.readings),
    alarms: keep('alarm', snap.alarms),
    incidents: keep('incident', snap.incidents),
    resources: keep('resource', snap.resources),
    positions: keep('resource', snap.positions),
    warnings: keep('warning', snap.warnings),
    riskareas: keep('riskarea', snap.riskareas),
    orders: keep('order', snap.orders),
    places: keep('place', snap.places),
    stations: keep('station', snap.stations),
    zones: keep('zone', snap.zones),
    hiddenhazards: keep('hiddenhazard', snap.hiddenhazards),
    cameras: keep('camera', snap.cameras),
    cameraHealth: keep('camera', snap.cameraHealth),
    duties: keep('duty', snap.duties),
    reports: keep('report', snap.reports),
    stocks: keep('stock', snap.stocks),
    disasterreports: keep('disasterreport', snap.disasterreports ?? []),
  };
}

/** Telemetry of the shown kinds inside the box; a reading is placed where its hazard is. */
export function filterTelemetry(
  s: Subscription,
  readings: Iterable<Reading>,
  positions: Iterable<Position>,
  sensorAt: (sensorId: string) => LngLat | undefined,
): TelemetryFrame {
  return {
    readings: shows(s, 'hazard') ? [...readings].filter((r) => inside(s, sensorAt(r.id))) : [],
    positions: shows(s, 'resource') ? [...positions].filter((p) => inside(s, p.location)) : [],
  };
}
