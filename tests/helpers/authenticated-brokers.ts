import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';
import type { TestAgencies } from './agency-accounts';
import { generateMosquittoFiles, startPrivateMosquitto } from './private-mosquitto';

export interface AuthenticatedBrokerUnderTest {
  name: string;
  /**
   * Whether a refused subscription shows in the SUBACK (0x80). Mosquitto 2.0 grants it to an
   * MQTT 3.1.1 client and then delivers nothing the ACL does not allow.
   */
  refusesInSuback: boolean;
  start(accounts: TestAgencies, topicRoot: string): Promise<{ url: string; stop(): Promise<void> }>;
}

/** Both brokers with the accounts and topic ACL of one agencies file. */
export const AUTHENTICATED_BROKERS: AuthenticatedBrokerUnderTest[] = [
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
    name: 'Mosquitto (private, generated files)',
    refusesInSuback: false,
    async start(accounts, topicRoot) {
      const broker = await startPrivateMosquitto(
        await generateMosquittoFiles(accounts.path, topicRoot),
      );
      return { url: broker.url, stop: () => broker.stop() };
    },
  },
];
