import type { Server, Socket } from 'socket.io';
import {
  compareStreamIds,
  HEARTBEAT_MS,
  type ClientToServerEvents,
  type Hazard,
  type Identity,
  type LngLat,
  type Position,
  type Reading,
  type Heartbeat,
  type PipelineStatus,
  type ServerToClientEvents,
  type StampedEvent,
} from '@cc/shared';
import { readableEvents, type Keys, type Logger, type Redis } from '@cc/shared/node';
import { createRing } from './ring';
import {
  filterEvents,
  filterSnapshot,
  filterTelemetry,
  isEverything,
  parseSubscription,
  subscriptionKey,
  type Subscription,
} from './subscription';
import { resumePlan } from './resume';
import { readSnapshot, readTelemetry } from './snapshot';
import { startTail } from './tail';
import { createFrames } from './frames';
import type { TokenClaims } from '../auth/accounts';

/** What the server keeps on each socket. */
export interface SocketData {
  identity: Identity;
  /** The token's claims, re-checked when the users file changes (absent with sign-in off). */
  claims?: TokenClaims;
  /** The layers and area the screen asked for. */
  subscription?: Subscription;
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
/** Telemetry frames kept for screens that skipped some (5 s at 10 Hz). */
const RECENT_FRAMES = 50;
/**
 * Packets a socket may have waiting before it counts as lagging: it then stops getting event
 * batches and, once its connection drains, gets a fresh snapshot instead of the backlog.
 */
const MAX_EVENT_BACKLOG = 1_000;

/** Packets queued on a socket's connection, not yet handed to the network. */
function backlog(socket: LiveSocket): number {
  return (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
}

export interface HubOptions {
  io: LiveServer;
  redis: Redis;
  /** A second connection for the blocking stream read. */
  tailRedis: Redis;
  keys: Keys;
  log: Logger;
  telemetryHz: number;
  ringCapacity?: number;
  /** What the heartbeat says about the pipeline (ingest workers, broker); absent: nothing. */
  pipeline?: () => PipelineStatus | undefined;
  /** Told every batch of events the tail reads (views this server keeps, like the ledger's). */
  onEvents?: (events: StampedEvent[]) => void;
}

/**
 * Brings each socket from what it has to the present — replay or snapshot — then keeps it live:
 * every event in order exactly once, telemetry coalesced per sensor per frame.
 */
export async function createHub(options: HubOptions) {
  const { io, redis, keys, log } = options;
  /** Telemetry coalesced per frame; the last few frames kept for screens that skipped some. */
  const frames = createFrames(RECENT_FRAMES);
  /** Where each sensor is (its hazard's location), for bounding-box subscriptions. */
  const sensorAt = new Map<string, LngLat>();
  /** Live sockets that asked for less than everything: served one by one. */
  const custom = new Map<LiveSocket, Subscription>();
  /** Sockets that skipped telemetry frames, and the last frame they got: they catch up once writable. */
  const behind = new Map<LiveSocket, number>();
  /** Sockets whose cursor is ahead of the tail: they join once the tail reaches them. */
  const waiting = new Map<LiveSocket, { cursor: string; frame: number }>();
  /** For /metrics: entries the tail has read since start. */
  const counts = { events: 0, telemetry: 0 };

  const tail = await startTail({
    redis: options.tailRedis,
    keys,
    log,
    onEvents(events) {
      counts.events += events.length;
      options.onEvents?.(events);
      ring.push(events);
      for (const e of events) if (e.kind === 'hazard' && e.op === 'upsert') locate(e.data);
      shedLagging();
      // Local only: every instance tails the stream itself; through the adapter each
      // client would get the batch once per instance.
      io.local.to(LIVE_ROOM).emit('events', { events });
      const upTo = events[events.length - 1]!.id;
      for (const { sub, ids } of alike(custom.keys())) {
        io.local.to(ids).emit('events', { events: filterEvents(sub, events), upTo });
      }
      for (const [socket, { cursor, frame }] of waiting) {
        if (compareStreamIds(cursor, tail.position) <= 0) {
          waiting.delete(socket);
          goLive(socket, cursor, frame);
        }
      }
    },
    onTelemetry(entries) {
      counts.telemetry += entries.length;
      for (const entry of entries) frames.add(entry);
    },
    // Screens hear of a Redis outage (and of its end) at once, not at the next beat.
    onHealthChange: (healthy) => beat(healthy),
  });
  const ring = createRing(tail.startedFrom, options.ringCapacity ?? 10_000);

  const unreadable = (key: string, id: string, err: unknown) =>
    log.error({ key, id, err: (err as Error).message }, 'stored entry unreadable; left out');
  for (const [id, json] of Object.entries(await redis.hGetAll(keys.state('hazard')))) {
    try {
      locate(JSON.parse(json) as Hazard);
    } catch (err) {
      unreadable(keys.state('hazard'), id, err);
    }
  }
  function locate(hazard: Hazard) {
    for (const sensor of hazard.sensors) sensorAt.set(sensor.id, hazard.location);
  }
  const subscriptionOf = (socket: LiveSocket) => socket.data.subscription ?? {};

  /**
   * Sockets by what they subscribed to, each group filtered and encoded once (tablets of one
   * command post usually share their layers and area).
   */
  const alike = (sockets: Iterable<LiveSocket>) => {
    const groups = new Map<string, { sub: Subscription; ids: string[] }>();
    for (const socket of sockets) {
      const sub = subscriptionOf(socket);
      const key = subscriptionKey(sub);
      const group = groups.get(key);
      if (group) group.ids.push(socket.id);
      else groups.set(key, { sub, ids: [socket.id] });
    }
    return groups.values();
  };
  const filtered = (sub: Subscription, r: Iterable<Reading>, p: Iterable<Position>) =>
    filterTelemetry(sub, r, p, (id) => sensorAt.get(id));

  /**
   * Telemetry, latest wins: every caught-up screen gets the frame, encoded once. A socket with
   * packets still queued skips frames; once writable it gets what changed since the last frame
   * it got, encoded once for all the screens that skipped the same frames.
   */
  function sendFrame() {
    const frame = frames.close();
    const skip = new Set<string>();
    for (const socket of liveSockets()) {
      if (backlog(socket) === 0) continue;
      skip.add(socket.id);
      if (!behind.has(socket)) behind.set(socket, frame.no - 1);
    }
    const catchingUp = new Map<number, LiveSocket[]>();
    for (const [socket, last] of behind) {
      if (socket.disconnected) behind.delete(socket);
      if (socket.disconnected || backlog(socket) > 0) continue;
      behind.delete(socket);
      skip.add(socket.id);
      const group = catchingUp.get(last);
      if (group) group.push(socket);
      else catchingUp.set(last, [socket]);
    }
    if (frame.readings.size > 0 || frame.positions.size > 0) {
      io.local
        .to(LIVE_ROOM)
        .except([...skip])
        .emit('telemetry', {
          readings: [...frame.readings.values()],
          positions: [...frame.positions.values()],
        });
      const current = [...custom.keys()].filter((socket) => !skip.has(socket.id));
      for (const { sub, ids } of alike(current)) {
        io.local
          .to(ids)
          .emit('telemetry', filtered(sub, frame.readings.values(), frame.positions.values()));
      }
    }
    for (const [last, sockets] of catchingUp) {
      const changes = frames.since(last);
      const readings = [...changes.readings];
      const positions = [...changes.positions];
      if (readings.length === 0 && positions.length === 0) continue;
      const everything = sockets.filter((s) => !custom.has(s)).map((s) => s.id);
      if (everything.length > 0) io.local.to(everything).emit('telemetry', { readings, positions });
      for (const { sub, ids } of alike(sockets.filter((s) => custom.has(s)))) {
        io.local.to(ids).emit('telemetry', filtered(sub, readings, positions));
      }
    }
  }
  const timer = setInterval(sendFrame, 1000 / options.telemetryHz);
  // Tells screens the picture is current even when nothing changes (they mark it stale otherwise).
  const heartbeat = setInterval(() => beat(tail.healthy()), HEARTBEAT_MS);

  /** A heartbeat to every live socket of this instance. */
  function beat(tailHealthy: boolean) {
    const pipeline = options.pipeline?.();
    const heartbeat: Heartbeat = {
      at: Date.now(),
      tail: tailHealthy,
      ...(pipeline ? { pipeline } : {}),
    };
    io.local.to(LIVE_ROOM).emit('heartbeat', heartbeat);
    if (custom.size > 0) {
      io.local.to([...custom.keys()].map((s) => s.id)).emit('heartbeat', heartbeat);
    }
  }

  /** The caught-up sockets of this instance. */
  function* liveSockets(): Generator<LiveSocket> {
    for (const id of io.of('/').adapter.rooms.get(LIVE_ROOM) ?? []) {
      const socket = io.sockets.sockets.get(id);
      if (socket) yield socket;
    }
    yield* custom.keys();
  }

  /**
   * A socket too far behind stops getting batches (memory stays bounded); when its connection
   * drains it is brought back with a snapshot, never with a gap.
   */
  function shedLagging() {
    for (const socket of [...liveSockets()]) {
      if (backlog(socket) <= MAX_EVENT_BACKLOG) continue;
      log.warn({ socket: socket.id, backlog: backlog(socket) }, 'client lagging; resync on drain');
      void socket.leave(LIVE_ROOM);
      custom.delete(socket);
      socket.conn.once('drain', () => {
        attach(socket, undefined).catch((err: unknown) => {
          log.warn({ err: (err as Error).message }, 'could not resync a lagging client');
          socket.disconnect(true);
        });
      });
    }
  }

  /** Events in chunks, each tagged with the last stream id it covers (filtered ones included). */
  function send(socket: LiveSocket, events: StampedEvent[]) {
    const sub = subscriptionOf(socket);
    for (let i = 0; i < events.length; i += REPLAY_CHUNK) {
      const chunk = events.slice(i, i + REPLAY_CHUNK);
      const upTo = chunk[chunk.length - 1]!.id;
      socket.emit('events', { events: filterEvents(sub, chunk), upTo });
    }
  }

  /**
   * Synchronous: the ring covers `cursor` and the tail has reached it. `frame` was open when the
   * socket's picture was read: the socket's next frame brings what changed since (a sensor that
   * changed while the picture was read and then fell silent would otherwise stay stale).
   */
  function goLive(socket: LiveSocket, cursor: string, frame: number) {
    if (socket.disconnected) return;
    send(socket, ring.after(cursor));
    if (isEverything(subscriptionOf(socket))) void socket.join(LIVE_ROOM);
    else custom.set(socket, subscriptionOf(socket));
    behind.set(socket, frame - 1);
  }

  /**
   * A read of the picture shared by every socket that asks for it while it is in flight (after a
   * restart, hundreds of screens come back at once), sent once per subscription, each encoded
   * once. A socket that joins a read begun before it connected still gets everything: it catches
   * up on events from the read's event id, on telemetry from the frame open when the read began.
   */
  function sharedRead<T>(
    read: () => Promise<T>,
    deliver: (sub: Subscription, ids: string[], value: T) => void,
  ) {
    let batch: { sockets: LiveSocket[]; done: Promise<{ value: T; frame: number }> } | undefined;
    return (socket: LiveSocket) => {
      if (!batch) {
        const sockets: LiveSocket[] = [];
        const frame = frames.open;
        const done = read().then(
          (value) => {
            batch = undefined;
            for (const { sub, ids } of alike(sockets.filter((s) => s.connected))) {
              deliver(sub, ids, value);
            }
            return { value, frame };
          },
          (err: unknown) => {
            batch = undefined;
            throw err;
          },
        );
        batch = { sockets, done };
      }
      batch.sockets.push(socket);
      return batch.done;
    };
  }
  const snapshotFor = sharedRead(
    () => readSnapshot(redis, keys, unreadable),
    (sub, ids, snapshot) => io.local.to(ids).emit('snapshot', filterSnapshot(sub, snapshot)),
  );
  const telemetryFor = sharedRead(
    () => readTelemetry(redis, keys, unreadable),
    (sub, ids, { readings, positions }) =>
      io.local.to(ids).emit('telemetry', filtered(sub, readings, positions)),
  );

  async function streamBounds() {
    const [first, last] = await Promise.all([
      redis.xRange(keys.events, '-', '+', { COUNT: 1 }),
      redis.xRevRange(keys.events, '+', '-', { COUNT: 1 }),
    ]);
    return { first: first?.[0]?.id, last: last?.[0]?.id ?? '0-0' };
  }

  async function attach(socket: LiveSocket, since: string | undefined): Promise<void> {
    let cursor: string;
    let frame: number;
    if (resumePlan(since, await streamBounds()) === 'replay' && since !== undefined) {
      cursor = since;
      ({ frame } = await telemetryFor(socket));
    } else {
      const read = await snapshotFor(socket);
      cursor = read.value.eventId;
      frame = read.frame;
    }
    // Older than the ring: replay from Redis in chunks until the ring takes over.
    while (!ring.covers(cursor)) {
      const entries =
        (await redis.xRange(keys.events, `(${cursor}`, '+', { COUNT: REPLAY_CHUNK })) ?? [];
      if (entries.length === 0) break;
      // An unreadable entry is left out, never a reason to refuse the screen: it would be
      // refused again at every reconnect.
      const events = readableEvents(entries, (id, err) => unreadable(keys.events, id, err));
      if (events.length > 0) send(socket, events);
      cursor = entries[entries.length - 1]!.id;
      if (socket.disconnected) return;
    }
    if (compareStreamIds(cursor, tail.position) > 0) waiting.set(socket, { cursor, frame });
    else goLive(socket, cursor, frame);
  }

  io.on('connection', (socket: LiveSocket) => {
    const auth = socket.handshake.auth as { since?: unknown; layers?: unknown; bbox?: unknown };
    socket.data.subscription = parseSubscription(auth);
    const since = auth.since;
    attach(socket, typeof since === 'string' ? since : undefined).catch((err: unknown) => {
      log.warn({ err: (err as Error).message }, 'could not bring a client up to date');
      socket.disconnect(true);
    });
    socket.on('disconnect', () => {
      waiting.delete(socket);
      custom.delete(socket);
      behind.delete(socket);
    });
  });

  return {
    healthy: () => tail.healthy(),
    /** Sends every live screen a heartbeat now (the pipeline's state changed). */
    announce: () => beat(tail.healthy()),
    /** Counters for /metrics: entries read by the tail, connected sockets by role. */
    stats() {
      const clientsByRole: Record<string, number> = {};
      for (const socket of io.sockets.sockets.values()) {
        const role = (socket.data as Partial<SocketData>).identity?.role ?? 'unknown';
        clientsByRole[role] = (clientsByRole[role] ?? 0) + 1;
      }
      return {
        eventsTotal: counts.events,
        telemetryTotal: counts.telemetry,
        clientsByRole,
        unreadable: { ...tail.unreadable },
      };
    },
    get position() {
      return tail.position;
    },
    async close() {
      clearInterval(timer);
      clearInterval(heartbeat);
      await tail.close();
    },
  };
}
export type Hub = Awaited<ReturnType<typeof createHub>>;
