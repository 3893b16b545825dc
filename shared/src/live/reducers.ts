/**
 * The live picture's reducers, shared by the screens' store (client/src/store) and the server's
 * replay builder (server/src/replay): a replayed picture is built by the same code as a live one.
 */
import { compareStreamIds, ORIGIN_EVENT_ID } from '../model/events';
import { LayeredMap, layered, type MapDraft } from './layered-map';
import type {
  Alarm,
  Camera,
  CameraHealth,
  DutyEntry,
  Report,
  StockLedger,
  DisasterReport,
  EventBatch,
  EventKind,
  Hazard,
  HiddenHazard,
  Incident,
  Order,
  Place,
  Position,
  ProtectiveZone,
  Station,
  Reading,
  Resource,
  RiskArea,
  Snapshot,
  TelemetryFrame,
  Warning,
} from '../index';

/** Entities by id. Maps are never mutated once in the store: a change replaces the map. */
export interface EntitiesSlice {
  hazards: ReadonlyMap<string, Hazard>;
  /** Active alarms only: a cleared alarm leaves the map. */
  alarms: ReadonlyMap<string, Alarm>;
  incidents: ReadonlyMap<string, Incident>;
  resources: ReadonlyMap<string, Resource>;
  /** Warnings in force: a cancelled or expired one leaves the map. */
  warnings: ReadonlyMap<string, Warning>;
  riskareas: ReadonlyMap<string, RiskArea>;
  orders: ReadonlyMap<string, Order>;
  /** Sensitive places (schools, hospitals...). */
  places: ReadonlyMap<string, Place>;
  /** Weather and water-level stations, each with its latest observation. */
  stations: ReadonlyMap<string, Station>;
  /** Protective-action zones of toxic releases, by incident id. */
  zones: ReadonlyMap<string, ProtectiveZone>;
  /** Hidden hazards not yet closed: a closed one leaves the map. */
  hiddenhazards: ReadonlyMap<string, HiddenHazard>;
  /** Cameras, with their agency's status and streams. */
  cameras: ReadonlyMap<string, Camera>;
  /** What the command center's probe last found of each camera's stream, by camera id. */
  cameraHealth: ReadonlyMap<string, CameraHealth>;
  /** The duty log's entries (值班日志). */
  duties: ReadonlyMap<string, DutyEntry>;
  /** Reports up the chain (信息报送), sent ones included. */
  reports: ReadonlyMap<string, Report>;
  /** Depots' stock ledgers, by depot id. */
  stocks: ReadonlyMap<string, StockLedger>;
  /** Disaster information officers' reports (报灾) and 零报告. */
  disasterreports: ReadonlyMap<string, DisasterReport>;
  /** Latest reading per sensor id (telemetry). */
  readings: ReadonlyMap<string, Reading>;
  /** Latest position per resource id (telemetry). */
  positions: ReadonlyMap<string, Position>;
}

export interface LiveSlice {
  /** The last event applied (null before the first snapshot or event). */
  lastEventId: string | null;
  /** Server time of the last snapshot, epoch ms. */
  snapshotAt: number | null;
  /** Client clock when the last message of any kind arrived, epoch ms. */
  lastMessageAt: number | null;
}

export type LiveData = EntitiesSlice & LiveSlice;

/** The slice each event kind lands in. */
const SLICE = {
  hazard: 'hazards',
  alarm: 'alarms',
  incident: 'incidents',
  resource: 'resources',
  warning: 'warnings',
  riskarea: 'riskareas',
  order: 'orders',
  place: 'places',
  station: 'stations',
  zone: 'zones',
  hiddenhazard: 'hiddenhazards',
  camera: 'cameras',
  camerahealth: 'cameraHealth',
  duty: 'duties',
  report: 'reports',
  stock: 'stocks',
  disasterreport: 'disasterreports',
} as const satisfies Record<EventKind, keyof EntitiesSlice>;
type EventSlice = (typeof SLICE)[EventKind];

export function initialLiveData(): LiveData {
  return {
    hazards: LayeredMap.empty(),
    alarms: LayeredMap.empty(),
    incidents: LayeredMap.empty(),
    resources: LayeredMap.empty(),
    warnings: LayeredMap.empty(),
    riskareas: LayeredMap.empty(),
    orders: LayeredMap.empty(),
    places: LayeredMap.empty(),
    stations: LayeredMap.empty(),
    zones: LayeredMap.empty(),
    hiddenhazards: LayeredMap.empty(),
    cameras: LayeredMap.empty(),
    cameraHealth: LayeredMap.empty(),
    duties: LayeredMap.empty(),
    reports: LayeredMap.empty(),
    stocks: LayeredMap.empty(),
    disasterreports: LayeredMap.empty(),
    readings: LayeredMap.empty(),
    positions: LayeredMap.empty(),
    lastEventId: null,
    snapshotAt: null,
    lastMessageAt: null,
  };
}

function byId<T extends { id: string }>(items: readonly T[]): LayeredMap<string, T> {
  return LayeredMap.from(items.map((item) => [item.id, item] as const));
}

/** Replaces the whole picture with a snapshot and resumes from the event it reflects. */
export function applySnapshot<S extends LiveData>(
  state: S,
  snapshot: Snapshot,
  receivedAt: number,
): S {
  return {
    ...state,
    hazards: byId(snapshot.hazards),
    alarms: byId(snapshot.alarms.filter((a) => a.status === 'active')),
    incidents: byId(snapshot.incidents),
    resources: byId(snapshot.resources),
    warnings: byId(snapshot.warnings),
    riskareas: byId(snapshot.riskareas),
    orders: byId(snapshot.orders),
    places: byId(snapshot.places),
    stations: byId(snapshot.stations),
    zones: byId(snapshot.zones),
    hiddenhazards: byId(snapshot.hiddenhazards.filter((h) => h.stage !== 'closed')),
    cameras: byId(snapshot.cameras),
    cameraHealth: byId(snapshot.cameraHealth),
    duties: byId(snapshot.duties),
    reports: byId(snapshot.reports),
    stocks: byId(snapshot.stocks),
    disasterreports: byId(snapshot.disasterreports ?? []),
    readings: byId(snapshot.readings),
    positions: byId(snapshot.positions),
    lastEventId: snapshot.eventId,
    snapshotAt: snapshot.at,
    lastMessageAt: receivedAt,
  };
}

/**
 * Applies, in order, the events newer than `lastEventId` (a replay after reconnect may repeat
 * some). A map that changes becomes a new map at the cost of the changes (LayeredMap); untouched
 * maps keep their identity so the layers drawn from them are not rebuilt.
 */
export function applyEvents<S extends LiveData>(
  state: S,
  batch: EventBatch,
  receivedAt: number,
): S {
  let last = state.lastEventId;
  const drafts = new Map<EventSlice, MapDraft<string, { id: string }>>();
  const edit = (slice: EventSlice) => {
    let draft = drafts.get(slice);
    if (!draft) {
      draft = layered(state[slice] as ReadonlyMap<string, { id: string }>).draft();
      drafts.set(slice, draft);
    }
    return draft;
  };
  for (const event of batch.events) {
    if (compareStreamIds(event.id, last ?? ORIGIN_EVENT_ID) <= 0) continue;
    last = event.id;
    const slice = SLICE[event.kind];
    if (event.op === 'remove') {
      if ((drafts.get(slice) ?? state[slice]).has(event.entityId))
        edit(slice).delete(event.entityId);
    } else if (
      (event.kind === 'alarm' && event.data.status === 'cleared') ||
      (event.kind === 'hiddenhazard' && event.data.stage === 'closed')
    ) {
      if ((drafts.get(slice) ?? state[slice]).has(event.data.id)) edit(slice).delete(event.data.id);
    } else {
      edit(slice).set(event.data.id, event.data);
    }
  }
  // A layer-filtered batch covers events the screen did not ask for: it has seen those too.
  if (batch.upTo && compareStreamIds(batch.upTo, last ?? ORIGIN_EVENT_ID) > 0) last = batch.upTo;
  return {
    ...state,
    ...Object.fromEntries([...drafts].map(([slice, draft]) => [slice, draft.done()])),
    lastEventId: last,
    lastMessageAt: receivedAt,
  };
}

function newest<T extends { id: string; ts: number }>(
  stored: ReadonlyMap<string, T>,
  incoming: readonly T[],
): ReadonlyMap<string, T> {
  if (incoming.length === 0) return stored;
  const draft = layered(stored).draft();
  for (const item of incoming) {
    const prev = draft.get(item.id);
    if (prev && item.ts < prev.ts) continue;
    draft.set(item.id, item);
  }
  return draft.changed ? draft.done() : stored;
}

/** Latest wins: a reading or position older than the stored one is dropped. */
export function applyTelemetry<S extends LiveData>(
  state: S,
  frame: TelemetryFrame,
  receivedAt: number,
): S {
  return {
    ...state,
    readings: newest(state.readings, frame.readings),
    positions: newest(state.positions, frame.positions),
    lastMessageAt: receivedAt,
  };
}
