import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';
import type { TestAgencies } from './agency-accounts';
import { generateMosquittoFiles, startPrivateMosquitto } from './private-mosquitto';

export interface AuthenticatedBrokerUnderTest {
  name: string;
  /**
   * Whether a refused subscription shows in the SUBACK (0x80): both brokers do (Mosquitto's
   * dynamic-security plugin too; its acl_file granted it and delivered nothing).
   */
  refusesInSuback: boolean;
  /**
   * Whether a publish outside the agency's own subtree (another agency's topics, its own
   * `rejects` or `orders`) gets the agency a reject notice. The embedded broker hands every
   * refusal to ingest; Mosquitto's ACL drops those silently for an MQTT 3.1.1 client.
   */
  noticesEveryRefusal: boolean;
  /**
   * What a publisher observes for a topic that is not UTF-8 or holds NUL: the embedded broker
   * acknowledges it and ingest refuses it with a notice; Mosquitto closes the connection as a
   * protocol error (MQTT 3.1.1 §1.5.3), without a PUBACK.
   */
  unusableTopic: 'notice' | 'closed';
  start(accounts: TestAgencies, topicRoot: string): Promise<{ url: string; stop(): Promise<void> }>;
}

/** Both brokers with the accounts and topic ACL of one agencies file. */
export const AUTHENTICATED_BROKERS: AuthenticatedBrokerUnderTest[] = [
  {
    name: 'embedded Aedes',
    refusesInSuback: true,
    noticesEveryRefusal: true,
    unusableTopic: 'notice',
    async start(accounts, topicRoot) {
      const broker = await startEmbeddedBroker(0, '127.0.0.1', {
        auth: { agencies: accounts.file, topicRoot },
      });
      return { url: `mqtt://127.0.0.1:${broker.port}`, stop: () => broker.close() };
    },
  },
  {
    name: 'Mosquitto (private, generated files)',
    refusesInSuback: true,
    noticesEveryRefusal: false,
    unusableTopic: 'closed',
    async start(accounts, topicRoot) {
      const broker = await startPrivateMosquitto(
        await generateMosquittoFiles(accounts.path, topicRoot),
      );
      return { url: broker.url, stop: () => broker.stop() };
    },
  },
];
