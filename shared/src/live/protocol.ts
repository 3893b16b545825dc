import type {
  Alarm,
  Hazard,
  Incident,
  Position,
  Reading,
  Resource,
  RiskArea,
  Warning,
} from '../model/entities';
import type { StampedEvent } from '../model/events';

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
}

/** One entry of the `telemetry` stream. */
export type TelemetryEntry = { reading: Reading } | { position: Position };

export interface EventBatch {
  events: StampedEvent[];
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
}

// Commands arrive with the live protocol's command issue; the map is declared so both ends share it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}

/** Sent in the Socket.IO handshake (`auth`), again on every reconnect. */
export interface HandshakeAuth {
  /** A token from `POST /api/v1/auth/login`; needed when the server has sign-in configured. */
  token?: string;
  /** The last event id the client applied; absent on first connect. */
  since?: string;
}

export const API = {
  snapshot: '/api/v1/snapshot',
  login: '/api/v1/auth/login',
  healthz: '/healthz',
  readyz: '/readyz',
} as const;
