import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  Reading,
  ServerToClientEvents,
  Snapshot,
  StampedEvent,
} from '@cc/shared';
import { tokenFor, type TestRole } from './product';

/** A Socket.IO client that records everything the server sends, in order. */
export function connectLive(url: string, auth: HandshakeAuth = {}) {
  return connectWith(url, auth);
}

/** Signs in as `role` (a viewer unless said otherwise), then connects like `connectLive`. */
export async function connectAs(
  server: { url: string },
  auth: HandshakeAuth = {},
  role: TestRole = 'viewer',
) {
  return connectWith(server.url, { ...auth, token: await tokenFor(server, role) });
}

function connectWith(url: string, auth: HandshakeAuth) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    auth: { ...auth },
    reconnection: false,
  });
  const received = {
    snapshots: [] as Snapshot[],
    events: [] as StampedEvent[],
    readings: [] as Reading[],
  };
  socket.on('snapshot', (s) => received.snapshots.push(s));
  socket.on('events', (b) => received.events.push(...b.events));
  socket.on('telemetry', (f) => received.readings.push(...f.readings));
  return { socket, received, close: () => socket.disconnect() };
}
