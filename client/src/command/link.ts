import {
  EVENT_KINDS,
  type Command,
  type CommandResult,
  type EventBatch,
  type HandshakeAuth,
  type Snapshot,
} from '@cc/shared';
import type { LiveSocket } from '../live/connect';
import { CHANGZHOU_BOUNDS } from '../map/districts';
import type { SendResult } from './send-result';
import { needsResubscribe, paddedBox, type BBox } from './view-area';

/** How long the tablet waits for a command's acknowledgement before calling it unconfirmed. */
export const COMMAND_ACK_MS = 15_000;
/** A new visible area is acted on once the map has been still this long. */
const VIEW_SETTLE_MS = 1_500;

/** What the tablet shows: every kind but the four-colour risk areas (the wall's business). */
const TABLET_LAYERS = EVENT_KINDS.filter((k) => k !== 'riskarea');

const [[west, south], [east, north]] = CHANGZHOU_BOUNDS;
/** Before the map reports its view it shows the whole city. */
const INITIAL_VIEW: BBox = [west, south, east, north];

/**
 * The tablet's side of the live connection: what its handshake asks for (its layers and the
 * area telemetry comes from), commands with their acknowledgements, and the events it receives
 * (for the incident timeline). Transport only; what a result means is decided by its callers.
 */
export function createTabletLink() {
  let socket: LiveSocket | null = null;
  let subscribed: BBox = paddedBox(INITIAL_VIEW);
  let visible: BBox = INITIAL_VIEW;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let inFlight = 0;
  const eventListeners = new Set<(batch: EventBatch) => void>();
  const snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  const connectListeners = new Set<() => void>();

  /**
   * Telemetry follows the visible area: the server reads the box at the handshake, so a new box
   * means a reconnect, which resumes from the last event (no gap, no repeat). Not while a command
   * waits for its acknowledgement: the reconnect would lose it.
   */
  function resubscribe(): void {
    if (!socket || inFlight > 0 || !needsResubscribe(subscribed, visible)) return;
    subscribed = paddedBox(visible);
    if (socket.connected) socket.disconnect().connect();
  }

  return {
    /** Extra handshake fields, read on every (re)connect. */
    handshake(): Pick<HandshakeAuth, 'layers' | 'bbox'> {
      return { layers: [...TABLET_LAYERS], bbox: [...subscribed] };
    },
    attach(s: LiveSocket): void {
      socket = s;
      s.on('events', (batch) => eventListeners.forEach((l) => l(batch)));
      s.on('snapshot', (snapshot) => snapshotListeners.forEach((l) => l(snapshot)));
      s.on('connect', () => connectListeners.forEach((l) => l()));
    },
    /** The map moved: the new visible area is acted on once the map settles. */
    setView(bounds: BBox): void {
      visible = bounds;
      clearTimeout(settle);
      settle = setTimeout(resubscribe, VIEW_SETTLE_MS);
    },
    /** The area telemetry currently comes from. */
    subscribedArea(): BBox {
      return subscribed;
    },
    /** Emits a command and resolves with its acknowledgement, or as unconfirmed. */
    send(command: Command, timeoutMs = COMMAND_ACK_MS): Promise<SendResult> {
      const s = socket;
      if (!s) {
        return Promise.resolve({ ok: false, code: 'link.lost', message: 'not connected' });
      }
      inFlight += 1;
      return new Promise<SendResult>((resolve) => {
        // Emitted while disconnected, Socket.IO buffers the command and sends it on reconnect.
        s.timeout(timeoutMs).emit(
          'command',
          command,
          (err: Error | null, result: CommandResult) => {
            inFlight -= 1;
            if (inFlight === 0) resubscribe();
            if (!err) resolve(result);
            else if (/disconnected/.test(err.message))
              resolve({ ok: false, code: 'link.lost', message: err.message });
            else resolve({ ok: false, code: 'link.timeout', message: err.message });
          },
        );
      });
    },
    onEvents(listener: (batch: EventBatch) => void): () => void {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onConnect(listener: () => void): () => void {
      connectListeners.add(listener);
      return () => connectListeners.delete(listener);
    },
    isConnected(): boolean {
      return socket?.connected ?? false;
    },
  };
}
export type TabletLink = ReturnType<typeof createTabletLink>;

/** The one link of this page (created by main.tsx on the command route). */
export const tabletLink: TabletLink = createTabletLink();
