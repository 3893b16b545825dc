import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@cc/shared';
import type { AppStore } from '../store/create-app-store';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the live connection and wires it to the store. Transport only: every message goes
 * straight to a store action, which decides what to apply.
 *
 * The handshake's `auth` is a function so that each reconnect sends the *current* last event id:
 * the server then replays only what was missed, or sends a snapshot when it no longer can.
 */
export function connectLive(store: AppStore, url: string = window.location.origin): LiveSocket {
  const socket: LiveSocket = io(url, {
    transports: ['websocket'],
    auth: (cb) => {
      const since = store.getState().lastEventId;
      // Omitted rather than undefined on first connect (exactOptionalPropertyTypes).
      cb((since === null ? {} : { since }) satisfies HandshakeAuth);
    },
  });
  const { getState } = store;

  socket.on('connect', () => getState().setConnection('live'));
  socket.on('disconnect', (reason) => {
    console.info('live: disconnected', reason);
    getState().setConnection('offline');
  });
  socket.on('connect_error', (err) => {
    console.warn('live: connect failed', err.message);
    getState().setConnection('offline');
  });

  socket.on('snapshot', (snapshot) => getState().applySnapshot(snapshot));
  socket.on('events', (batch) => getState().applyEvents(batch));
  socket.on('telemetry', (frame) => getState().applyTelemetry(frame));
  return socket;
}
