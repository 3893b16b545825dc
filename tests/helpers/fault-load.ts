import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  EventKind,
  HandshakeAuth,
  LiveEvent,
  ServerToClientEvents,
  StampedEvent,
} from '@cc/shared';
import { compareStreamIds } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { waitFor } from './wait';

/**
 * An incident report with an id of its own: each one accepted by the broker must become exactly
 * one incident event, whatever restarts in between (QoS 1 redelivery is absorbed by the
 * observation-time guard).
 */
export function incidentMessage(localId: string, ts: number) {
  return {
    id: localId,
    ts: new Date(ts).toISOString(),
    type: 'fire',
    category: 'accident_disaster',
    level: 'IV',
    status: 'reported',
    title: `故障测试事件 ${localId}`,
    location: { type: 'Point', coordinates: [119.95, 31.78] },
  };
}

/**
 * Publishes incident reports at a steady rate, whether or not the broker is there (mqtt.js keeps
 * QoS 1 messages until acknowledged), and counts what the broker acknowledged: `accepted` holds
 * the entity ids (`{agency}:{id}`) of the incidents whose message's PUBACK came back.
 */
export function startIncidentLoad(options: {
  /** The agency publishing: accepted ids are entity ids under it. */
  agency: string;
  /** Publishes one payload at QoS 1; resolves on the broker's acknowledgement. */
  publish: (payload: string) => Promise<unknown>;
  /** Messages per second. */
  perSecond: number;
  /** Incidents per message (a JSON array when more than one): a restart may cut a batch in two. */
  batch?: number;
}) {
  const batch = options.batch ?? 1;
  // Ids of this load's own, so several loads in one test file never collide.
  const tag = randomBytes(3).toString('hex');
  const accepted: string[] = [];
  const failed: { ids: string[]; err: string }[] = [];
  const pending = new Set<Promise<void>>();
  let published = 0;
  let incidents = 0;
  const began = Date.now();

  function publishOne() {
    published++;
    const ts = Date.now() - 1_000;
    const messages = Array.from({ length: batch }, () =>
      incidentMessage(`L${tag}-${++incidents}`, ts),
    );
    const ids = messages.map((m) => `${options.agency}:${m.id}`);
    const sent = options
      .publish(JSON.stringify(batch === 1 ? messages[0] : messages))
      .then(
        () => void accepted.push(...ids),
        (err: unknown) => void failed.push({ ids, err: String(err) }),
      )
      .finally(() => pending.delete(sent));
    pending.add(sent);
  }
  // Catches up on ticks a busy event loop delayed, so the rate holds on a loaded machine.
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - began) / 1000) * options.perSecond);
    while (published < due) publishOne();
  }, 25);

  return {
    accepted,
    /** True for the entity ids of this load's incidents. */
    owns: (entityId: string) => entityId.startsWith(`${options.agency}:L${tag}-`),
    get published() {
      return published;
    },
    /** Resolves once `n` incidents in all have been acknowledged by the broker. */
    untilAccepted(n: number, timeoutMs = 20_000) {
      return waitFor(() => accepted.length >= n, `${n} incidents accepted`, timeoutMs);
    },
    /** Stops publishing and waits for every outstanding acknowledgement; throws on a failed publish. */
    async stop(timeoutMs = 30_000): Promise<string[]> {
      clearInterval(timer);
      await waitFor(
        () => pending.size === 0,
        `acknowledgements of the last ${pending.size} of ${published} messages`,
        timeoutMs,
      );
      if (failed.length > 0) {
        throw new Error(`${failed.length} publishes failed; first: ${JSON.stringify(failed[0])}`);
      }
      return accepted;
    },
  };
}
export type IncidentLoad = ReturnType<typeof startIncidentLoad>;

/**
 * Sensor readings at a steady rate: each message carries one reading per sensor, each newer than
 * the one before, the value alternating across high-high so that readings raise and clear
 * alarms. `accepted` holds `{sensorId}@{ts}` for the readings whose message the broker
 * acknowledged.
 */
export function startReadingLoad(options: {
  agency: string;
  /** Local ids of registered sensors. */
  sensors: readonly string[];
  publish: (payload: string) => Promise<unknown>;
  perSecond: number;
}) {
  const accepted: string[] = [];
  const failed: string[] = [];
  const pending = new Set<Promise<void>>();
  let published = 0;
  // Observation times in the past, one second apart per message.
  const t0 = Date.now() - 3 * 3_600_000;
  const began = Date.now();

  function publishOne() {
    const ts = t0 + published * 1_000;
    const value = published % 2 === 0 ? 97 : 50;
    published++;
    const readings = options.sensors.map((id) => ({ id, ts: new Date(ts).toISOString(), value }));
    const ids = options.sensors.map((id) => `${options.agency}:${id}@${ts}`);
    const sent = options
      .publish(JSON.stringify(readings))
      .then(
        () => void accepted.push(...ids),
        (err: unknown) => void failed.push(String(err)),
      )
      .finally(() => pending.delete(sent));
    pending.add(sent);
  }
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - began) / 1000) * options.perSecond);
    while (published < due) publishOne();
  }, 25);

  return {
    accepted,
    /** Observation time (epoch ms) of the newest reading published. */
    get newest() {
      return t0 + (published - 1) * 1_000;
    },
    async stop(timeoutMs = 30_000): Promise<string[]> {
      clearInterval(timer);
      await waitFor(() => pending.size === 0, 'acknowledgements of the readings', timeoutMs);
      if (failed.length > 0)
        throw new Error(`${failed.length} reading publishes failed: ${failed[0]}`);
      return accepted;
    },
  };
}

/**
 * A screen that counts: a Socket.IO client that reconnects on its own, as the product's client
 * does, sending the last event id it has (`since`) on every reconnect. It records every event
 * batch exactly as received — nothing is filtered — so a repeated or missing event shows.
 */
export function connectCountingClient(
  url: string,
  options: { token?: string; layers?: EventKind[] } = {},
) {
  let last: string | undefined;
  const received = {
    snapshots: [] as string[],
    events: [] as StampedEvent[],
    /** The `since` sent on each connection, in order (undefined on the first). */
    handshakes: [] as (string | undefined)[],
    connects: 0,
    disconnects: 0,
  };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0,
    auth: (cb) => {
      received.handshakes.push(last);
      cb({
        ...(options.token === undefined ? {} : { token: options.token }),
        ...(last === undefined ? {} : { since: last }),
        ...(options.layers === undefined ? {} : { layers: options.layers }),
      } satisfies HandshakeAuth);
    },
  });
  const advance = (id: string) => {
    if (last === undefined || compareStreamIds(id, last) > 0) last = id;
  };
  socket.on('connect', () => received.connects++);
  socket.on('disconnect', () => received.disconnects++);
  socket.on('snapshot', (s) => {
    received.snapshots.push(s.eventId);
    last = s.eventId;
  });
  socket.on('events', (batch) => {
    received.events.push(...batch.events);
    for (const e of batch.events) advance(e.id);
    if (batch.upTo) advance(batch.upTo);
  });
  return {
    socket,
    received,
    /** The last event id this screen has seen (what it resumes from). */
    get last() {
      return last;
    },
    /** Resolves once the first snapshot is in. */
    ready: () => waitFor(() => received.snapshots.length > 0, 'first snapshot', 20_000),
    close: () => void socket.disconnect(),
  };
}
export type CountingClient = ReturnType<typeof connectCountingClient>;

/** Ids of the incidents whose events are in `events`, in order, once per event. */
export function incidentIds(events: readonly LiveEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'incident' && e.op === 'upsert' ? [e.data.id] : []));
}

/** Every entry of the events stream after `after` (exclusive), stamped with its id. */
export async function streamEvents(
  redis: Redis,
  keys: Keys,
  after = '0-0',
): Promise<StampedEvent[]> {
  const entries = (await redis.xRange(keys.events, `(${after}`, '+')) ?? [];
  return entries.map((m) => ({ id: m.id, ...(JSON.parse(m.message.e!) as LiveEvent) }));
}

export interface Tally {
  /** Accepted at the publisher, never applied. */
  missing: string[];
  /** Applied more than once. */
  duplicated: string[];
  /** Applied without having been accepted. */
  unexpected: string[];
}

/**
 * Counts one side against the other. `{ missing: [], duplicated: [], unexpected: [] }` is the
 * proof: nothing lost, nothing applied twice.
 */
export function tally(accepted: readonly string[], applied: readonly string[]): Tally {
  const want = new Set(accepted);
  const seen = new Map<string, number>();
  for (const id of applied) seen.set(id, (seen.get(id) ?? 0) + 1);
  return {
    missing: [...want].filter((id) => !seen.has(id)),
    duplicated: [...seen].flatMap(([id, n]) => (n > 1 ? [id] : [])),
    unexpected: [...seen.keys()].filter((id) => !want.has(id)),
  };
}

export const EXACTLY_ONCE: Tally = { missing: [], duplicated: [], unexpected: [] };

export interface Counts {
  /** Incidents in the state hash. */
  state: Tally;
  /** Incident events in the events stream. */
  stream: Tally;
  /** Incident events each screen received. */
  screens: Tally[];
  /** Stream entries after each full screen's first snapshot against what it received, by id. */
  screensFollowTheStream: (Tally & { inOrder: boolean })[];
}

/**
 * Waits until Redis holds as many incidents as were accepted and every screen has received as
 * many, then counts each place against what the publisher had acknowledged.
 */
export async function countEverywhere(options: {
  redis: Redis;
  keys: Keys;
  /** The load counted: only its incidents are looked at. */
  load: Pick<IncidentLoad, 'owns'>;
  accepted: readonly string[];
  screens: readonly CountingClient[];
  /** Screens showing every layer are compared with the stream entry by entry. */
  fullScreens?: readonly CountingClient[];
}): Promise<Counts> {
  const { redis, keys, accepted, screens } = options;
  const own = (ids: string[]) => ids.filter(options.load.owns);
  const stored = async () => own(await redis.hKeys(keys.state('incident')));
  const received = (c: CountingClient) => own(incidentIds(c.received.events));
  await waitFor(
    async () => (await stored()).length >= accepted.length,
    `${accepted.length} incidents stored`,
    30_000,
  );
  await waitFor(
    () => screens.every((c) => received(c).length >= accepted.length),
    `every screen to receive ${accepted.length} incidents`,
    20_000,
  );
  const stream = await streamEvents(redis, keys);
  const ids = (events: readonly StampedEvent[]) => events.map((e) => e.id);
  const streamAfter = (from: string) => ids(stream.filter((e) => compareStreamIds(e.id, from) > 0));
  return {
    state: tally(accepted, await stored()),
    stream: tally(accepted, own(incidentIds(stream))),
    screens: screens.map((c) => tally(accepted, received(c))),
    screensFollowTheStream: (options.fullScreens ?? screens).map((c) => {
      const received = ids(c.received.events);
      const expected = streamAfter(c.received.snapshots[0]!);
      return {
        ...tally(expected, received),
        inOrder: received.every((id, i) => i === 0 || compareStreamIds(received[i - 1]!, id) < 0),
      };
    }),
  };
}

/** What `countEverywhere` says when nothing was lost and nothing applied twice. */
export function exactlyOnce(screens: number, fullScreens = screens): Counts {
  return {
    state: EXACTLY_ONCE,
    stream: EXACTLY_ONCE,
    screens: Array.from({ length: screens }, () => EXACTLY_ONCE),
    screensFollowTheStream: Array.from({ length: fullScreens }, () => ({
      ...EXACTLY_ONCE,
      inOrder: true,
    })),
  };
}
