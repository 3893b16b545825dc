import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '@cc/shared/node';
import { deferAcks } from './deferred-acks';
import { createFairQueue } from './fair-queue';
import { createBrokerSession } from './broker-session';
import { createWindowWatch } from './inflight-window';

export type { BrokerSession } from './broker-session';

export interface Inbound {
  topic: string;
  payload: Buffer;
}

/** Where the previous batch is: a batch reads after `sent` and writes after `stored`. */
export interface BatchGate {
  /** The previous batch's writes are on their way to Redis: a read sent after them sees them. */
  sent: Promise<void>;
  /** The previous batch is stored (it rejects if that batch was abandoned). */
  stored: Promise<void>;
}

export interface SubscriberOptions {
  url: string;
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  protocolVersion: 4 | 5;
  filters: string[];
  /**
   * Filters an earlier run of this worker may have left in its session (another partition,
   * an older version): unsubscribed when the broker says it kept the session. What they
   * queued before still comes, and is stored.
   */
  staleFilters?: string[] | undefined;
  log: Logger;
  /** The lane a topic's messages queue in (its agency): lanes are served round-robin. */
  laneOf: (topic: string) => string;
  /**
   * Stores a batch; resolves once every effect is stored. Reads state and writes only after
   * `gate.sent` (writes that depend on the previous batch's being stored after `gate.stored`,
   * throwing if it rejects), and calls `sent` once the next batch may read: its writes are on
   * their way, but for the bulk it holds back (the pipeline's holds). Throws on infrastructure
   * failure.
   */
  onBatch: (
    batch: Inbound[],
    gate: BatchGate,
    sent: () => void,
    /** Settles once this batch is stored or given up: the same for every attempt at it. */
    done: Promise<void>,
  ) => Promise<void>;
  /** Messages per batch, at most. */
  batchMessages: number;
  /** Messages held (received, not yet stored) before the subscriber stops reading from the broker. */
  queueMessages: number;
  /** The same bound in payload bytes. */
  queueBytes: number;
  /** Read-only hooks for ingest's liveness record (`health/`): they never change the flow. */
  watch?: {
    /** The broker's own topics to follow, unshared, QoS 0: their messages go to `onSys`. */
    sysFilters: readonly string[];
    onSys: (topic: string, payload: Buffer) => void;
    /** The broker answered the feed subscriptions; `refused`: the filters it refused. */
    onSubscribed: (refused: string[]) => void;
  };
}

const SESSION_EXPIRY_S = 7 * 24 * 3600;
/** The largest Receive Maximum MQTT v5 allows. */
const RECEIVE_MAXIMUM_LIMIT = 65_535;
const MAX_BACKOFF_MS = 5_000;
/**
 * Payload bytes per batch, at most (a single larger message still goes alone): about 15,000
 * readings, so a batch's writes stay short and a reading waits at most a batch or two.
 */
const BATCH_BYTES = 1024 * 1024;

interface Queued extends Inbound {
  ack?: ReturnType<ReturnType<typeof deferAcks>['hold']>;
}

/**
 * A persistent-session QoS 1 subscriber that takes many messages at once and acknowledges each
 * only after it is stored. Messages wait in a queue with one lane per agency; whatever waits
 * when the previous batch is stored becomes the next batch (so a quiet feed is stored at once
 * and a busy one in large batches), taken round-robin across agencies. Past `queueMessages` or
 * `queueBytes` the subscriber stops reading from the broker until the queue drains.
 */
export function startSubscriber(options: SubscriberOptions) {
  const { log } = options;
  let closing = false;
  let wake: () => void = () => {};
  const closed = new Promise<void>((resolve) => (wake = resolve));
  // v5: the window is ingest's to set, and it holds what its queue holds (the broker's
  // max_inflight_messages then does not apply). 3.1.1: the broker's; watched for below.
  const receiveMaximum = Math.min(RECEIVE_MAXIMUM_LIMIT, options.queueMessages);
  const connectOptions: IClientOptions = {
    clientId: options.clientId,
    clean: false,
    protocolVersion: options.protocolVersion,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    // Subscribe explicitly on every connect instead: resubscription after the broker lost the
    // session has been unreliable in mqtt.js.
    resubscribe: false,
    ...(options.protocolVersion === 5
      ? { properties: { sessionExpiryInterval: SESSION_EXPIRY_S, receiveMaximum } }
      : {}),
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  let received = 0;
  const session = createBrokerSession(
    { inflightWindow: options.protocolVersion === 5 ? receiveMaximum : undefined },
    () => ({ inHand: queue.size + inBatches, received }),
    log,
  );

  if (options.protocolVersion === 5 && receiveMaximum < options.batchMessages) {
    log.warn(
      { receiveMaximum, batchMessages: options.batchMessages },
      'in-flight window (INGEST_QUEUE_MESSAGES) smaller than INGEST_BATCH_MESSAGES: batches stay smaller',
    );
  }
  const window = createWindowWatch();
  const client: MqttClient = mqtt.connect(options.url, connectOptions);
  const acks = deferAcks(client, (held) => window.acked(held));
  const queue = createFairQueue<Queued>();
  /** Messages taken into batches not yet stored. */
  let inBatches = 0;
  const filters = options.filters;
  /** mqtt.js's "go on" while the queue is full: called once it has room again. */
  let paused: (() => void) | undefined;
  let running: Promise<void> | undefined;

  const hasRoom = () => queue.size < options.queueMessages && queue.bytes < options.queueBytes;

  client.handleMessage = (packet, done) => {
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    if (options.watch && packet.topic.startsWith('$SYS/')) {
      options.watch.onSys(packet.topic, payload);
      done();
      return;
    }
    received++;
    const message: Queued = { topic: packet.topic, payload };
    if (packet.qos === 1 && packet.messageId !== undefined) {
      message.ack = acks.hold(packet.messageId);
      window.arrived(acks.waiting);
    }
    queue.push(options.laneOf(packet.topic), message, payload.byteLength);
    running ??= drain();
    if (hasRoom()) done();
    else {
      log.debug({ queued: queue.size, bytes: queue.bytes }, 'queue full; reading paused');
      paused = () => done();
    }
  };

  /**
   * Runs while anything waits; cleared in the same step as the queue is found empty. Three
   * batches are unstored at most: the next one decodes, validates, reads state and evaluates
   * while the previous ones' writes run, and reads and writes after the previous one's are sent
   * (`gate`; events after it is stored), so Redis runs each agency's writes in order; PUBACKs go
   * in order too.
   */
  async function drain(): Promise<void> {
    try {
      // Let the messages already parsed from the socket join the first batch.
      await new Promise((r) => setImmediate(r));
      let previous: BatchGate = { sent: Promise.resolve(), stored: Promise.resolve() };
      let older: Promise<void> = Promise.resolve();
      for (;;) {
        while (queue.size > 0 && !closing) {
          const seen =
            options.protocolVersion === 4
              ? window.taken(acks.waiting, options.batchMessages)
              : undefined;
          if (seen !== undefined) {
            session.update({ inflightWindow: seen });
            log.warn(
              { inflightWindow: seen, batchMessages: options.batchMessages },
              `the broker hands over at most ${seen} unacknowledged messages, fewer than ` +
                `INGEST_BATCH_MESSAGES (${options.batchMessages}): batches stay at ${seen}; ` +
                'raise its max_inflight_messages (npm run mosquitto:config writes 1000)',
            );
          }
          const batch = queue.take(options.batchMessages, BATCH_BYTES);
          inBatches += batch.length;
          if (paused && hasRoom()) {
            const resume = paused;
            paused = undefined;
            resume();
          }
          const gate = previous;
          let markSent: () => void = () => {};
          const sent = new Promise<void>((resolve) => (markSent = resolve));
          // Stored in order: a batch counts as stored once the one before is too (a batch
          // without events can finish first), so whatever waits for "stored" sees every batch
          // before it stored.
          let settle: () => void = () => {};
          const done = new Promise<void>((resolve) => (settle = resolve));
          const stored = deliver(batch, gate, markSent, done)
            .finally(() => (inBatches -= batch.length))
            .then(() => gate.stored)
            .then(
              () => {
                for (const m of batch) if (m.ack) acks.stored(m.ack);
              },
              (err: unknown) => {
                log.error({ err, messages: batch.length }, 'batch abandoned');
                throw err;
              },
            );
          // Settled either way: the next batch never waits on a batch that gave up.
          void stored.then(markSent, markSent);
          void stored.then(settle, settle);
          previous = { sent, stored };
          // The next batch is taken once this one's writes are sent (taken earlier, its
          // decoding would hold up this send) and the one two before is stored: three not yet
          // stored at most (written or queued in Redis, or finishing the bulk behind their
          // events) while the next is evaluated.
          await sent;
          await older.catch(() => undefined);
          older = gate.stored;
        }
        await previous.stored.catch(() => undefined);
        if (queue.size === 0 || closing) return;
      }
    } finally {
      running = undefined;
    }
  }

  /** Retries infrastructure failures with backoff; the messages stay unacknowledged meanwhile. */
  async function deliver(
    batch: Inbound[],
    gate: BatchGate,
    sent: () => void,
    done: Promise<void>,
  ): Promise<void> {
    log.debug({ messages: batch.length }, 'batch');
    for (let attempt = 0; ; attempt++) {
      try {
        await options.onBatch(batch, gate, sent, done);
        return;
      } catch (err) {
        if (closing) throw err;
        const wait = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);
        log.warn({ err, messages: batch.length, attempt, wait }, 'batch not stored; retrying');
        await Promise.race([new Promise((r) => setTimeout(r, wait)), closed]);
        if (closing) throw err;
      }
    }
  }

  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const stale = (options.staleFilters ?? []).filter((f) => !filters.includes(f));

  client.on('connect', (connack) => {
    // mqtt.js leaves Nagle's algorithm on: a PUBACK or an order would wait for the previous
    // packet's TCP acknowledgement (up to 40 ms on Linux) before leaving.
    (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    log.info({ url: options.url, sessionPresent: connack.sessionPresent }, 'connected to broker');
    session.update({ connected: true, sessionPresent: connack.sessionPresent, subscribed: false });
    const subscribed = () => {
      session.update({ subscribed: true });
      // Subscribed first: whatever moved to these filters is never without a subscription.
      if (!connack.sessionPresent || stale.length === 0) return markReady();
      client.unsubscribe(stale, (err) => {
        if (err) log.warn({ err: err.message }, 'unsubscribe failed');
        else log.info({ filters: stale.length }, 'unsubscribed from filters no longer owned');
        markReady();
      });
    };
    // A worker that owns no agency (retiring) only drains what its session holds.
    if (filters.length === 0) {
      options.watch?.onSubscribed([]);
      return subscribed();
    }
    client.subscribe(filters, { qos: 1 }, (err, granted) => {
      const refused = granted?.filter((g) => (g.qos & 0x80) !== 0) ?? [];
      options.watch?.onSubscribed(err ? filters : refused.map((g) => g.topic));
      if (err || refused.length > 0) {
        const message = err?.message ?? `refused: ${refused.map((g) => g.topic).join(', ')}`;
        log.error({ err: message }, 'subscribe failed');
        session.failed(`subscribe failed: ${message}`);
        return;
      }
      log.info({ granted: granted?.map((g) => `${g.topic}@${g.qos}`) }, 'subscribed');
      subscribed();
    });
    if (options.watch) {
      client.subscribe([...options.watch.sysFilters], { qos: 0 }, (err, granted) => {
        if (err || granted?.some((g) => g.qos >= 0x80)) {
          log.warn({ err }, "the broker's counters ($SYS) are not available to ingest");
        }
      });
    }
  });
  client.on('reconnect', () => log.debug('reconnecting to broker'));
  client.on('close', () => {
    if (session.connected) session.update({ connected: false, subscribed: false });
  });
  client.on('offline', () => !closing && log.warn({ url: options.url }, 'broker unreachable'));
  client.on('error', (err) => {
    log.warn({ err: err.message }, 'broker connection error');
    session.failed(err.message);
  });

  return {
    client,
    /**
     * Resolves once the first subscriptions are granted (and, on a session the broker kept, the
     * filters no longer owned are unsubscribed).
     */
    ready,
    /** Messages received and not yet stored, per agency. */
    queued: () => queue.lanes(),
    /** Ingest's session with the broker, now. */
    session: session.snapshot,
    /** Told whenever the session changes (connected, subscribed, an error…); returns the unsubscribe. */
    onSession: session.onChange,
    /** Publishes ingest's own outputs (reject notices, orders); QoS 1, never throws. */
    publish(topic: string, payload: string) {
      client.publish(topic, payload, { qos: 1 }, (err) => {
        if (err) log.warn({ err: err.message, topic }, 'publish failed');
      });
    },
    /**
     * Stops reading and waits for the batch being stored; what was not acknowledged stays with
     * the broker for the next start. Idempotent.
     */
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      wake();
      await client.endAsync(false);
      await running;
    },
  };
}
export type Subscriber = ReturnType<typeof startSubscriber>;
