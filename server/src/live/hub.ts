import type { Server, Socket } from 'socket.io';
import {
  compareStreamIds,
  type ClientToServerEvents,
  type Identity,
  type Position,
  type Reading,
  type ServerToClientEvents,
  type StampedEvent,
} from '@cc/shared';
import type { Keys, Logger, Redis } from '@cc/shared/node';
import { createRing } from './ring';
import { resumePlan } from './resume';
import { readSnapshot, readTelemetry } from './snapshot';
import { startTail } from './tail';

function keepNewest<T extends { id: string; ts: number }>(latest: Map<string, T>, item: T) {
  const prev = latest.get(item.id);
  if (!prev || prev.ts <= item.ts) latest.set(item.id, item);
}

/** What the server keeps on each socket. */
export interface SocketData {
  identity: Identity;
}

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** Sockets that are caught up: each event batch and telemetry frame is broadcast to them once. */
const LIVE_ROOM = 'live';
const REPLAY_CHUNK = 1_000;

export interface HubOptions {
  io: LiveServer;
  redis: Redis;
  /** A second connection for the blocking stream read. */
  tailRedis: Redis;
  keys: Keys;
  log: Logger;
  telemetryHz: number;
  ringCapacity?: number;
}

/**
 * Brings each socket from what it has to the present — replay or snapshot — then keeps it live:
 * every event in order exactly once, telemetry coalesced per sensor per frame.
 */
export async function createHub(options: HubOptions) {
  const { io, redis, keys, log } = options;
  /** Newest reading per sensor and position per resource since the last frame. */
  const readings = new Map<string, Reading>();
  const positions = new Map<string, Position>();
  /** Sockets whose cursor is ahead of the tail: they join once the tail reaches them. */
  const waiting = new Map<LiveSocket, string>();
  /** For /metrics: entries the tail has read since start. */
  const counts = { events: 0, telemetry: 0 };

  const tail = await startTail({
    redis: options.tailRedis,
    keys,
    log,
    onEvents(events) {
      counts.events += events.length;
      ring.push(events);
      // Local only: every instance tails the stream itself; through the adapter each
      // client would get the batch once per instance.
      io.local.to(LIVE_ROOM).emit('events', { events });
      for (const [socket, cursor] of waiting) {
        if (compareStreamIds(cursor, tail.position) <= 0) {
          waiting.delete(socket);
          goLive(socket, cursor);
        }
      }
    },
    onTelemetry(entries) {
      counts.telemetry += entries.length;
      for (const entry of entries) {
        if ('reading' in entry) keepNewest(readings, entry.reading);
        else keepNewest(positions, entry.position);
      }
    },
  });
  const ring = createRing(tail.startedFrom, options.ringCapacity ?? 10_000);

  const timer = setInterval(() => {
    if (readings.size === 0 && positions.size === 0) return;
    io.local.to(LIVE_ROOM).emit('telemetry', {
      readings: [...readings.values()],
      positions: [...positions.values()],
    });
    readings.clear();
    positions.clear();
  }, 1000 / options.telemetryHz);

  function send(socket: LiveSocket, events: StampedEvent[]) {
    for (let i = 0; i < events.length; i += REPLAY_CHUNK) {
      socket.emit('events', { events: events.slice(i, i + REPLAY_CHUNK) });
    }
  }

  /** Synchronous: the ring covers `cursor` and the tail has reached it. */
  function goLive(socket: LiveSocket, cursor: string) {
    if (socket.disconnected) return;
    send(socket, ring.after(cursor));
    void socket.join(LIVE_ROOM);
  }

  const unreadable = (key: string, id: string, err: unknown) =>
    log.error({ key, id, err: (err as Error).message }, 'stored entry unreadable; left out');

  async function streamBounds() {
    const [first, last] = await Promise.all([
      redis.xRange(keys.events, '-', '+', { COUNT: 1 }),
      redis.xRevRange(keys.events, '+', '-', { COUNT: 1 }),
    ]);
    return { first: first?.[0]?.id, last: last?.[0]?.id ?? '0-0' };
  }

  async function attach(socket: LiveSocket, since: string | undefined): Promise<void> {
    let cursor: string;
    if (resumePlan(since, await streamBounds()) === 'replay' && since !== undefined) {
      cursor = since;
      socket.emit('telemetry', await readTelemetry(redis, keys, unreadable));
    } else {
      const snapshot = await readSnapshot(redis, keys, unreadable);
      socket.emit('snapshot', snapshot);
      cursor = snapshot.eventId;
    }
    // Older than the ring: replay from Redis in chunks until the ring takes over.
    while (!ring.covers(cursor)) {
      const entries =
        (await redis.xRange(keys.events, `(${cursor}`, '+', { COUNT: REPLAY_CHUNK })) ?? [];
      if (entries.length === 0) break;
      send(
        socket,
        entries.map((m) => ({ id: m.id, ...JSON.parse(m.message.e!) }) as StampedEvent),
      );
      cursor = entries[entries.length - 1]!.id;
      if (socket.disconnected) return;
    }
    if (compareStreamIds(cursor, tail.position) > 0) waiting.set(socket, cursor);
    else goLive(socket, cursor);
  }

  io.on('connection', (socket: LiveSocket) => {
    const since = (socket.handshake.auth as { since?: unknown }).since;
    attach(socket, typeof since === 'string' ? since : undefined).catch((err: unknown) => {
      log.warn({ err: (err as Error).message }, 'could not bring a client up to date');
      socket.disconnect(true);
    });
    socket.on('disconnect', () => waiting.delete(socket));
  });

  return {
    healthy: () => tail.healthy(),
    /** Counters for /metrics: entries read by the tail, connected sockets by role. */
    stats() {
      const clientsByRole: Record<string, number> = {};
      for (const socket of io.sockets.sockets.values()) {
        const role = (socket.data as Partial<SocketData>).identity?.role ?? 'unknown';
        clientsByRole[role] = (clientsByRole[role] ?? 0) + 1;
      }
      return { eventsTotal: counts.events, telemetryTotal: counts.telemetry, clientsByRole };
    },
    get position() {
      return tail.position;
    },
    async close() {
      clearInterval(timer);
      await tail.close();
    },
  };
}
export type Hub = Awaited<ReturnType<typeof createHub>>;
