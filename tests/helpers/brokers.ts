import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';

export interface BrokerUnderTest {
  name: string;
  /** Starts (or reaches) the broker; returns its URL and how to let it go. */
  start(): Promise<{ url: string; stop(): Promise<void> }>;
}

/** The production broker the machine runs, and the embedded one: integration suites run on both. */
export const BROKERS: BrokerUnderTest[] = [
  {
    name: 'embedded Aedes',
    async start() {
      const broker = await startEmbeddedBroker(0);
      return { url: `mqtt://127.0.0.1:${broker.port}`, stop: () => broker.close() };
    },
  },
  {
    name: 'Mosquitto',
    async start() {
      return { url: process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883', stop: async () => {} };
    },
  },
];
