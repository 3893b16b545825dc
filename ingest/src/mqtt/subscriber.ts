import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '@cc/shared/node';

export interface SubscriberOptions {
  url: string;
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  protocolVersion: 4 | 5;
  filters: string[];
  /** Shared-subscription group: several workers split the feed (`$share/{group}/{filter}`). */
  shareGroup?: string | undefined;
  log: Logger;
  /** Handles one message; resolves once its effects are stored. Throws only on infrastructure failure. */
  onMessage: (topic: string, payload: Buffer) => Promise<void>;
}

const SESSION_EXPIRY_S = 7 * 24 * 3600;
const MAX_BACKOFF_MS = 5_000;

/**
 * A persistent-session QoS 1 subscriber that acknowledges a message only after it is stored:
 * mqtt.js sends PUBACK when `handleMessage` calls back, so a crash before that leaves the
 * message with the broker, which delivers it again to the same client id.
 */
export function startSubscriber(options: SubscriberOptions) {
  const { log } = options;
  let closing = false;
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
      ? { properties: { sessionExpiryInterval: SESSION_EXPIRY_S } }
      : {}),
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  const client: MqttClient = mqtt.connect(options.url, connectOptions);
  const filters = options.filters.map((f) =>
    options.shareGroup ? `$share/${options.shareGroup}/${f}` : f,
  );

  client.handleMessage = (packet, done) => {
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    void deliver(packet.topic, payload).then(
      () => done(),
      (err: unknown) => log.error({ err, topic: packet.topic }, 'message abandoned'),
    );
  };

  /** Retries infrastructure failures with backoff; the message stays unacknowledged meanwhile. */
  async function deliver(topic: string, payload: Buffer): Promise<void> {
    log.debug({ topic, bytes: payload.byteLength }, 'message');
    for (let attempt = 0; ; attempt++) {
      try {
        await options.onMessage(topic, payload);
        return;
      } catch (err) {
        if (closing) throw err;
        const wait = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);
        log.warn({ err, topic, attempt, wait }, 'message not stored; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  client.on('connect', (connack) => {
    log.info({ url: options.url, sessionPresent: connack.sessionPresent }, 'connected to broker');
    client.subscribe(filters, { qos: 1 }, (err, granted) => {
      if (err) log.error({ err }, 'subscribe failed');
      else {
        log.info({ granted: granted?.map((g) => `${g.topic}@${g.qos}`) }, 'subscribed');
        markReady();
      }
    });
  });
  client.on('reconnect', () => log.debug('reconnecting to broker'));
  client.on('offline', () => !closing && log.warn({ url: options.url }, 'broker unreachable'));
  client.on('error', (err) => log.warn({ err: err.message }, 'broker connection error'));

  return {
    client,
    /** Resolves once the first subscription is granted. */
    ready,
    /** Publishes ingest's own outputs (reject notices, later orders); QoS 1, never throws. */
    publish(topic: string, payload: string) {
      client.publish(topic, payload, { qos: 1 }, (err) => {
        if (err) log.warn({ err: err.message, topic }, 'publish failed');
      });
    },
    /** Idempotent; unacknowledged messages stay with the broker for the next start. */
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      await client.endAsync(false);
    },
  };
}
export type Subscriber = ReturnType<typeof startSubscriber>;
