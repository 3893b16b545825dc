/**
 * The agencies, in a process of their own: one MQTT connection per agency, like real partners.
 * Enterprises publish sensor readings and the fire and police agencies vehicle positions, at a
 * set total rate spread evenly over every entity; a trickle of events (incident updates, vehicle
 * status changes) goes out at QoS 1 alongside. Only ever against 127.0.0.1.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { createTopics, type FeedKind } from '@cc/shared';
import { serveWorker } from '../procs';
import {
  INCIDENT_AGENCY,
  STATUS_AGENCY,
  SENSORS_PER_HAZARD,
  allAgencies,
  hazardMessage,
  incidentMessage,
  positionMessage,
  readingMessage,
  sensorOf,
  vehicleMessage,
  vehicleOf,
} from '../scenario';

export interface RunArgs {
  rate: number;
  seconds: number;
  qos: 0 | 1;
  /** Items per MQTT message: 1 sends plain objects, more sends JSON arrays. */
  perMessage: number;
  eventsPerSecond: number;
}

export interface RunResult {
  items: number;
  messages: number;
  /** QoS 1: acknowledged by the broker. QoS 0: written to the socket. */
  acked: number;
  events: number;
  seconds: number;
  /** Each sensor's and vehicle's last sequence number. */
  sensorSeq: number[];
  vehicleSeq: number[];
}

let clients = new Map<string, MqttClient>();
let topics = createTopics();
let sensors = 0;
let vehicles = 0;
let sensorSeq = new Int32Array(0);
let vehicleSeq = new Int32Array(0);
let sensorTs = new Float64Array(0);
let vehicleTs = new Float64Array(0);
let cursor = 0;
let eventCount = 0;
let lastEventTs = 0;

const client = (agency: string) => {
  const c = clients.get(agency);
  if (!c) throw new Error(`no connection for ${agency}`);
  return c;
};
const iso = (ms: number) => new Date(ms).toISOString();

/** `iso` of the last time asked: the items of one emit mostly share their millisecond. */
let lastIso = { ms: NaN, text: '' };
function isoOf(ms: number): string {
  if (ms !== lastIso.ms) lastIso = { ms, text: iso(ms) };
  return lastIso.text;
}

/**
 * Each entity's agency, id and `agency/kind` group, made once: the generator shares the machine
 * with what it measures, so what it spends per item is taken from the product.
 */
/** `group` is `{agency}/{kind}`: a map key, not a topic. */
let entities: { agency: string; id: string; group: string }[] = [];
function describeEntities() {
  entities = [];
  for (let e = 0; e < sensors; e++) {
    const { agency, id } = sensorOf(e);
    entities.push({ agency, id, group: `${agency}/sensor` });
  }
  for (let v = 0; v < vehicles; v++) {
    const { agency, id } = vehicleOf(v);
    entities.push({ agency, id, group: `${agency}/resource` });
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Strictly increasing per entity, at least the clock. */
function stamp(times: Float64Array, i: number): number {
  const ts = Math.max(Date.now(), times[i]! + 1);
  times[i] = ts;
  return ts;
}

/** Publishes and counts; QoS 1 resolves on the broker's acknowledgement. */
function publish(agency: string, kind: FeedKind, payload: unknown, qos: 0 | 1, onAck: () => void) {
  const topic = topics.feed(agency, kind);
  // QoS 0 without a callback: mqtt.js would park one 'drain' listener per message otherwise.
  if (qos === 0) client(agency).publish(topic, JSON.stringify(payload), { qos });
  else client(agency).publish(topic, JSON.stringify(payload), { qos }, (err) => !err && onAck());
}

async function waitFor(probe: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!probe() && Date.now() < deadline) await sleep(20);
}

/** Bytes queued in the generator's own sockets: published means handed to the kernel. */
function queuedBytes(): number {
  let n = 0;
  for (const c of clients.values())
    n += (c.stream as { writableLength?: number }).writableLength ?? 0;
  return n;
}

function nextEvent(qos: 0 | 1, onAck: () => void) {
  const n = eventCount++;
  const ts = Math.max(Date.now(), lastEventTs + 1);
  lastEventTs = ts;
  if (n % 2 === 0) {
    publish(INCIDENT_AGENCY, 'incident', incidentMessage(n / 2, n, iso(ts)), qos, onAck);
  } else {
    // Vehicles of the status agency are the even-numbered ones.
    const v = ((n * 7) % Math.max(1, Math.floor(vehicles / 2))) * 2;
    const status = (['available', 'en_route', 'on_scene'] as const)[n % 3]!;
    publish(STATUS_AGENCY, 'resource', vehicleMessage(v, iso(ts), status), qos, onAck);
  }
}

/** `due` readings and positions, round-robin over every entity, grouped per agency and kind. */
function emit(due: number, args: RunArgs, counters: { messages: number; acked: number }) {
  const groups = new Map<string, unknown[]>();
  const total = sensors + vehicles;
  for (let k = 0; k < due; k++) {
    const e = cursor++ % total;
    const entity = entities[e]!;
    // As readingMessage / positionMessage make them, without looking the entity up again.
    const item =
      e < sensors
        ? { id: entity.id, ts: isoOf(stamp(sensorTs, e)), value: ++sensorSeq[e]! }
        : positionMessage(
            e - sensors,
            ++vehicleSeq[e - sensors]!,
            isoOf(stamp(vehicleTs, e - sensors)),
          );
    const group = groups.get(entity.group);
    if (group) group.push(item);
    else groups.set(entity.group, [item]);
  }
  for (const [key, items] of groups) {
    const [agency, kind] = key.split('/') as [string, FeedKind];
    for (let i = 0; i < items.length; i += args.perMessage) {
      const chunk = items.slice(i, i + args.perMessage);
      counters.messages++;
      const n = chunk.length;
      publish(agency, kind, args.perMessage === 1 ? chunk[0] : chunk, args.qos, () => {
        counters.acked += n;
      });
    }
  }
}

serveWorker({
  async connect(args: { url: string; root: string; sensors: number; vehicles: number }) {
    topics = createTopics(args.root);
    sensors = args.sensors;
    vehicles = args.vehicles;
    sensorSeq = new Int32Array(sensors);
    vehicleSeq = new Int32Array(vehicles);
    sensorTs = new Float64Array(sensors);
    vehicleTs = new Float64Array(vehicles);
    describeEntities();
    clients = new Map(
      await Promise.all(
        allAgencies().map(
          async (agency) =>
            [
              agency,
              await mqtt.connectAsync(args.url, {
                clientId: `bench-${agency}`,
                protocolVersion: 4,
                reconnectPeriod: 500,
              }),
            ] as const,
        ),
      ),
    );
    return { agencies: clients.size };
  },

  /** Registers every hazard (with its sensors) and every vehicle, QoS 1. */
  async register() {
    const ts = iso(Date.now() - 60_000);
    let acked = 0;
    const hazards = Math.ceil(sensors / SENSORS_PER_HAZARD);
    for (let h = 0; h < hazards; h++) {
      publish(
        sensorOf(h * SENSORS_PER_HAZARD).agency,
        'hazard',
        hazardMessage(h, ts),
        1,
        () => acked++,
      );
    }
    for (let v = 0; v < vehicles; v++) {
      publish(vehicleOf(v).agency, 'resource', vehicleMessage(v, ts), 1, () => acked++);
    }
    await waitFor(() => acked === hazards + vehicles, 60_000);
    return { hazards, vehicles, acked };
  },

  async run(args: RunArgs): Promise<RunResult> {
    const counters = { messages: 0, acked: 0 };
    let events = 0;
    let eventsAcked = 0;
    const started = performance.now();
    let sent = 0;
    let nextEventAt = 0;
    for (;;) {
      const elapsed = performance.now() - started;
      if (elapsed >= args.seconds * 1000) break;
      const due = Math.floor((args.rate * elapsed) / 1000) - sent;
      // Never more than a second's worth at once: a stalled generator catches up gradually.
      if (due > 0 && queuedBytes() < 64 * 1024 * 1024) {
        const n = Math.min(due, args.rate);
        emit(n, args, counters);
        sent += n;
      }
      while (args.eventsPerSecond > 0 && nextEventAt <= elapsed) {
        events++;
        nextEvent(1, () => eventsAcked++);
        nextEventAt += 1000 / args.eventsPerSecond;
      }
      await sleep(5);
    }
    const seconds = (performance.now() - started) / 1000;
    if (args.qos === 0) counters.acked = sent;
    // Outstanding acknowledgements and bytes still in the sockets.
    await waitFor(
      () =>
        queuedBytes() === 0 &&
        eventsAcked === events &&
        (args.qos === 0 || counters.acked === sent),
      30_000,
    );
    return {
      items: sent,
      messages: counters.messages,
      acked: counters.acked,
      events: eventsAcked,
      seconds,
      sensorSeq: Array.from(sensorSeq),
      vehicleSeq: Array.from(vehicleSeq),
    };
  },

  /** `count` events as fast as the broker acknowledges them (at most 1,000 in flight). */
  async burst(args: { count: number }) {
    let acked = 0;
    const started = performance.now();
    for (let i = 0; i < args.count; i++) {
      nextEvent(1, () => acked++);
      if (i - acked > 1_000) await waitFor(() => i - acked <= 500, 30_000);
    }
    await waitFor(() => acked === args.count, 60_000);
    return { acked, seconds: (performance.now() - started) / 1000 };
  },

  /**
   * The raw relay: `messages` readings (each `perMessage` items) to a topic root nobody but the
   * bare subscriber reads, as fast as the socket takes them.
   */
  async relay(args: { relayRoot: string; messages: number; perMessage: number; qos: 0 | 1 }) {
    const agencies = [...clients.keys()];
    const feedTopics = topics;
    topics = createTopics(args.relayRoot);
    let acked = 0;
    const started = performance.now();
    for (let i = 0; i < args.messages; i++) {
      const agency = agencies[i % agencies.length]!;
      const items = Array.from({ length: args.perMessage }, (_, j) =>
        readingMessage(j, i, iso(Date.now())),
      );
      publish(agency, 'sensor', args.perMessage === 1 ? items[0] : items, args.qos, () => acked++);
      if (i % 1_000 === 999) {
        // Let the socket drain: the generator must not just fill its own memory.
        if (args.qos === 1) await waitFor(() => i - acked < 5_000, 30_000);
        else await waitFor(() => queuedBytes() < 8 * 1024 * 1024, 30_000);
      }
    }
    await waitFor(() => queuedBytes() === 0 && (args.qos === 0 || acked === args.messages), 60_000);
    topics = feedTopics;
    return { seconds: (performance.now() - started) / 1000 };
  },

  async close() {
    await Promise.all([...clients.values()].map((c) => c.endAsync()));
    clients.clear();
    return {};
  },
});
