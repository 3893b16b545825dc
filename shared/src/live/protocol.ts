import type { Alarm, Hazard, Reading } from '../model/entities';
import type { StampedEvent } from '../model/events';

/** The full picture, tagged with the id of the last event it reflects. */
export interface Snapshot {
  eventId: string;
  /** Server time when taken, epoch ms. */
  at: number;
  hazards: Hazard[];
  readings: Reading[];
  alarms: Alarm[];
}

export interface EventBatch {
  events: StampedEvent[];
}

/** Coalesced telemetry: the newest reading per sensor since the previous frame. */
export interface TelemetryFrame {
  readings: Reading[];
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
  /** The last event id the client applied; absent on first connect. */
  since?: string;
}

export const API = {
  snapshot: '/api/v1/snapshot',
  healthz: '/healthz',
  readyz: '/readyz',
} as const;
