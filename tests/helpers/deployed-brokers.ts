import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';
import type { AuthenticatedBrokerUnderTest } from './authenticated-brokers';
import { startPersistentMosquitto } from './fault-mosquitto';
import { generateMosquittoFiles } from './private-mosquitto';

/**
 * Both brokers as a deployment runs them: accounts and ACL from the test's agencies file, and for
 * Mosquitto the deployed configuration (deploy/mosquitto/mosquitto.conf: queue limits, inflight
 * window). Load tests need it: with Mosquitto's default queue of 1,000 messages a burst of 10,000
 * overflows ingest's queue at the broker, which drops what follows.
 */
export const DEPLOYED_BROKERS: AuthenticatedBrokerUnderTest[] = [
  {
    name: 'embedded Aedes',
    refusesInSuback: true,
    async start(accounts, topicRoot) {
      const broker = await startEmbeddedBroker(0, '127.0.0.1', {
        auth: { agencies: accounts.file, topicRoot },
      });
      return { url: `mqtt://127.0.0.1:${broker.port}`, stop: () => broker.close() };
    },
  },
  {
    name: 'Mosquitto (private, deployed configuration)',
    refusesInSuback: false,
    async start(accounts, topicRoot) {
      const broker = await startPersistentMosquitto(
        await generateMosquittoFiles(accounts.path, topicRoot),
      );
      return { url: broker.url, stop: () => broker.close() };
    },
  },
];
