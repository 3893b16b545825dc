import { AUTHENTICATED_BROKERS, type AuthenticatedBrokerUnderTest } from './authenticated-brokers';
import { startPersistentMosquitto } from './fault-mosquitto';
import { generateMosquittoFiles } from './private-mosquitto';

/**
 * Both brokers as a deployment runs them: accounts and ACL from the test's agencies file, and for
 * Mosquitto the deployed configuration (deploy/mosquitto/mosquitto.conf: queue limits, inflight
 * window). Load tests need it: with Mosquitto's default queue of 1,000 messages a burst of 10,000
 * overflows ingest's queue at the broker, which drops what follows.
 */
export const DEPLOYED_BROKERS: AuthenticatedBrokerUnderTest[] = [
  // The embedded broker has no configuration of its own to deploy.
  AUTHENTICATED_BROKERS[0]!,
  {
    ...AUTHENTICATED_BROKERS[1]!,
    name: 'Mosquitto (private, deployed configuration)',
    async start(accounts, topicRoot) {
      const broker = await startPersistentMosquitto(
        await generateMosquittoFiles(accounts.path, topicRoot),
      );
      return { url: broker.url, stop: () => broker.close() };
    },
  },
];
