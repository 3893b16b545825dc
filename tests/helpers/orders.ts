/**
 * Orders under test: a broker, Redis under its own prefix, ingest, an agency that owns an
 * incident and units and listens on its orders topic, and the command context the dispatch and
 * recall handlers are called with directly.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import {
  Alarm,
  Order,
  OrderNotice,
  Resource,
  createTopics,
  type Identity,
  type LiveEvent,
  type RejectNotice,
} from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import type { CommandContext } from '../../ingest/src/commands/registry';
import type { BrokerUnderTest } from './brokers';
import { INCIDENT_EXAMPLE } from './kind-fixtures';
import { isolate } from './isolation';
import { connectPublisher } from './mqtt';
import { startTestIngest } from './product';
import { connectRedis, dropPrefix, readStream } from './redis';
import { waitFor } from './wait';

/** docs/feeds.md, "Orders: receiving and answering": what an agency receives. */
export const ORDER_NOTICE_EXAMPLE = {
  id: 'ord-5f1c0e2a9b7d4c31-1',
  kind: 'dispatch',
  resourceId: 'XB-FE-03',
  incidentId: 'xinbei-fire:F20261128-0042',
  incidentTitle: '新北区化工园区仓库火灾',
  incidentLocation: { type: 'Point', coordinates: [119.9712, 32.0087] },
  note: '从港区大道北口进入，沿东侧消防通道',
  by: 'commander-1',
  sentAt: '2026-11-28T06:07:12.000Z',
};

/** docs/feeds.md, "Orders: receiving and answering": the agency's answer. */
export const ORDER_REPLY_EXAMPLE = {
  id: 'ord-5f1c0e2a9b7d4c31-1',
  ts: '2026-11-28T14:07:30+08:00',
  status: 'acknowledged',
  note: '3 号车已出动',
};

export const COMMANDER: Identity = { sub: 'commander-1', role: 'commander' };

/** A full resource message for a unit of the agency, in the given status. */
export function unit(id: string, status: string) {
  return {
    id,
    ts: new Date().toISOString(),
    type: 'fire_engine',
    name: `unit ${id}`,
    status,
    location: { type: 'Point', coordinates: [119.96, 31.99] },
  };
}

let commandSeq = 0;
/** A fresh command id (8+ characters). */
export const commandId = () => `cmd-${Date.now()}-${++commandSeq}`;

export async function startOrdersHarness(
  name: string,
  broker: BrokerUnderTest,
  env: Record<string, string> = {},
) {
  const iso = isolate(name);
  const keys = createKeys(iso.prefix);
  const topics = createTopics(iso.topicRoot);
  const b = await broker.start();
  const redis: Redis = await connectRedis();
  const ingest: RunningIngest = await startTestIngest(iso, b.url, env);
  const agencies: MqttClient[] = [];
  const commander = await connectPublisher(b.url, iso.clientId('commander'));
  const log = pino({ level: 'silent' });

  /** What the dispatch and recall handlers are given; orders go out through a client of ours. */
  const ctx: CommandContext = {
    redis,
    keys,
    topics,
    log,
    now: Date.now,
    config: {
      MAX_FUTURE_SKEW_S: 300,
      // The docs' examples carry fixed dates: the past bounds' own test sets realistic ones.
      MAX_PAST_TELEMETRY_S: 3_650 * 86_400,
      MAX_PAST_EVENT_S: 3_650 * 86_400,
      MAX_PAST_REGISTRATION_S: 3_650 * 86_400,
      EVENTS_MAXLEN: 10_000,
      TELEMETRY_MAXLEN: 10_000,
      SERIES_MAXLEN: 100,
    },
    publish: (topic, payload) => void commander.publish(topic, payload, { qos: 1 }),
  };

  const state = async <T>(
    kind: 'order' | 'resource' | 'alarm',
    id: string,
    schema: { parse: (v: unknown) => T },
  ) => {
    const json = await redis.hGet(keys.state(kind), id);
    return json ? schema.parse(JSON.parse(json)) : undefined;
  };

  const harness = {
    iso,
    keys,
    topics,
    redis,
    ctx,
    ingest,
    brokerUrl: b.url,
    /** An agency: publishes on its own feed topics and hears its orders (QoS 1). */
    async agency(agency: string) {
      const listener = await mqtt.connectAsync(b.url, {
        clientId: iso.clientId(`${agency}-orders`),
        protocolVersion: 4,
      });
      const messages: { topic: string; payload: string; qos: number }[] = [];
      listener.on('message', (topic, payload, packet) =>
        messages.push({ topic, payload: payload.toString(), qos: packet.qos }),
      );
      await listener.subscribeAsync(topics.orders(agency), { qos: 1 });
      const pub = await connectPublisher(b.url, iso.clientId(`${agency}-pub`));
      agencies.push(listener, pub);
      const publish = (kind: 'incident' | 'resource' | 'order' | 'warning', payload: unknown) =>
        pub.publishAsync(topics.feed(agency, kind), JSON.stringify(payload), { qos: 1 });
      return {
        id: agency,
        publish,
        /** Orders received so far, parsed, with the QoS they came with. */
        received: () =>
          messages.map((m) => ({ ...m, notice: OrderNotice.parse(JSON.parse(m.payload)) })),
        async registerUnit(localId: string, status = 'available') {
          await publish('resource', unit(localId, status));
          const id = `${agency}:${localId}`;
          await waitFor(
            async () => (await harness.resource(id))?.status === status,
            `${id} ${status}`,
          );
          return id;
        },
        async registerIncident() {
          await publish('incident', { ...INCIDENT_EXAMPLE, ts: new Date().toISOString() });
          const id = `${agency}:${INCIDENT_EXAMPLE.id}`;
          await waitFor(() => redis.hExists(keys.state('incident'), id), `incident ${id}`);
          return id;
        },
        /** Answers an order by its local id, as the agency would. */
        answer(localId: string, status: string, note?: string) {
          return publish('order', {
            id: localId,
            ts: new Date().toISOString(),
            status,
            ...(note === undefined ? {} : { note }),
          });
        },
      };
    },
    order: (id: string) => state('order', id, Order),
    resource: (id: string) => state('resource', id, Resource),
    alarm: (id: string) => state('alarm', id, Alarm),
    async events(): Promise<LiveEvent[]> {
      return readStream<LiveEvent>(redis, keys.events);
    },
    async rejects(): Promise<RejectNotice[]> {
      return readStream<RejectNotice>(redis, keys.rejects);
    },
    async stop() {
      await Promise.all(agencies.map((c) => c.endAsync()));
      await commander.endAsync();
      await ingest.close();
      await dropPrefix(redis, iso.prefix);
      await redis.close();
      await b.stop();
    },
  };
  return harness;
}
export type OrdersHarness = Awaited<ReturnType<typeof startOrdersHarness>>;
