import type {
  Alarm,
  Camera,
  CameraHealth,
  Hazard,
  Incident,
  Order,
  Place,
  Position,
  ProtectiveZone,
  Station,
  Reading,
  Resource,
  RiskArea,
  Warning,
} from '../model/entities';
import type { EventKind, StampedEvent } from '../model/events';
import type { HiddenHazard } from '../hiddenhazard/model';
import type { DutyEntry, Report } from '../duty/model';
import type { StockLedger } from '../stock/model';
import type { Shelter } from '../shelter/model';
import type { Coverage } from '../fire-coverage/model';
import type { DisasterReport } from '../disaster/model';
import type { CommandResult } from './commands';
import type { PipelineStatus } from './pipeline';

/** The full picture, tagged with the id of the last event it reflects. */
export interface Snapshot {
  eventId: string;
  /** Server time when taken, epoch ms. */
  at: number;
  hazards: Hazard[];
  readings: Reading[];
  alarms: Alarm[];
  incidents: Incident[];
  resources: Resource[];
  positions: Position[];
  warnings: Warning[];
  riskareas: RiskArea[];
  orders: Order[];
  places: Place[];
  stations: Station[];
  zones: ProtectiveZone[];
  /** Hidden hazards not yet closed (closed ones are in the ledger, `GET /api/v1/hidden-hazards`). */
  hiddenhazards: HiddenHazard[];
  cameras: Camera[];
  /** The probe's findings, one per camera it has probed (stream addresses never in here). */
  cameraHealth: CameraHealth[];
  /** The duty log's recent entries (值班日志). */
  duties: DutyEntry[];
  /** Reports up the chain (信息报送) with their deadlines. */
  reports: Report[];
  /** Depots' stock ledgers (救灾物资储备). */
  stocks: StockLedger[];
  /** Emergency shelters (应急避难场所) with their occupancy. */
  shelters?: Shelter[];
  /** Fire-rescue coverage (at most one entry). */
  coverage?: Coverage[];
  /** Disaster information officers' reports (报灾) and 零报告, every status. */
  disasterreports?: DisasterReport[];
}

/** One entry of the `telemetry` stream. */
export type TelemetryEntry = { reading: Reading } | { position: Position };

export interface EventBatch {
  events: StampedEvent[];
  /**
   * The last stream id this batch covers, when the screen subscribed to some layers only: events
   * of other kinds were left out, and the screen has still seen everything up to here.
   */
  upTo?: string;
}

/** Coalesced telemetry: the newest reading per sensor and position per resource since the last frame. */
export interface TelemetryFrame {
  readings: Reading[];
  positions: Position[];
}

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  events: (batch: EventBatch) => void;
  telemetry: (frame: TelemetryFrame) => void;
  /**
   * Every HEARTBEAT_MS, so a screen knows a quiet picture is still current:
   * server time, and whether the server still follows the event stream.
   */
  heartbeat: (beat: Heartbeat) => void;
  /**
   * Sent right before the server disconnects a screen whose account was removed or changed
   * (role, agency, password or key) in the users file: it must sign in again.
   */
  signedOut: (notice: SignedOut) => void;
}

export interface SignedOut {
  code: 'auth.revoked';
}

/** How often the server sends a heartbeat to every live screen. */
export const HEARTBEAT_MS = 2_000;

export interface Heartbeat {
  /** Server time, epoch ms. */
  at: number;
  /** False while the server cannot read the event stream (Redis down): the picture may be old. */
  tail: boolean;
  /**
   * Whether what agencies publish is being stored: ingest workers down, without a broker
   * session, the broker unreachable or dropping messages. Absent while the server cannot tell
   * (Redis down: `tail` says so).
   */
  pipeline?: PipelineStatus;
}

export interface ClientToServerEvents {
  /** A commander's command (see `Command`); the callback gets the confirmation or the refusal. */
  command: (command: unknown, ack: (result: CommandResult) => void) => void;
}

/** Sent in the Socket.IO handshake (`auth`), again on every reconnect. */
export interface HandshakeAuth {
  /** A token from `POST /api/v1/auth/login`; needed when the server has sign-in configured. */
  token?: string;
  /** The last event id the client applied; absent on first connect. */
  since?: string;
  /** The kinds the screen shows (absent = all); readings come with hazards, positions with resources. */
  layers?: EventKind[];
  /** Telemetry only from inside this box: [minLon, minLat, maxLon, maxLat]. */
  bbox?: [number, number, number, number];
}

export const API = {
  snapshot: '/api/v1/snapshot',
  login: '/api/v1/auth/login',
  healthz: '/healthz',
  readyz: '/readyz',
  metrics: '/metrics',
  entities: '/api/v1/entities',
  sensorHistory: '/api/v1/sensors/:id/history',
  nearestResources: '/api/v1/resources/nearest',
  support: '/api/v1/incidents/:id/support',
  wall: '/api/v1/wall',
  hiddenHazards: '/api/v1/hidden-hazards',
  hiddenHazard: '/api/v1/hidden-hazards/:id',
  hiddenHazardStats: '/api/v1/hidden-hazards/stats',
  hiddenHazardTipOff: '/api/v1/hidden-hazards/tip-offs',
  hiddenHazardPhotos: '/api/v1/hidden-hazards/photos',
  hiddenHazardPhoto: '/api/v1/hidden-hazards/photos/:photo',
  cameras: '/api/v1/cameras',
  commands: '/api/v1/commands',
  replayRange: '/api/v1/replay/range',
  replaySnapshot: '/api/v1/replay/snapshot',
  replayEvents: '/api/v1/replay/events',
  disasterReports: '/api/v1/disaster-reports',
  disasterReport: '/api/v1/disaster-reports/:id',
  disasterZero: '/api/v1/disaster-reports/zero',
  disasterMe: '/api/v1/disaster-reports/me',
  disasterTotals: '/api/v1/disaster-reports/totals',
  disasterPhotos: '/api/v1/disaster-reports/photos',
  disasterPhoto: '/api/v1/disaster-reports/photos/:photo',
} as const;
