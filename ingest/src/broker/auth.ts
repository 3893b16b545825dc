import type { AedesOptions, Client } from 'aedes';
import {
  createAcl,
  findAccount,
  mayUseClientId,
  verifyPassword,
  wrapRefused,
  type AgenciesFile,
  type Principal,
} from '@cc/shared/node';

/** Authentication and topic ACL of the embedded broker, from the agencies file. */
export interface BrokerAuth {
  agencies: AgenciesFile;
  topicRoot: string;
  /** Told about every refused connection, publish and subscription (for logs); must not throw. */
  onRefused?: ((refusal: Refusal) => void) | undefined;
}

export interface Refusal {
  what: 'connect' | 'publish' | 'subscribe';
  clientId: string;
  username: string | undefined;
  topic?: string;
  /** Why, for a refused publish. */
  reason?: string;
}

/** Where a service account's refused publish goes: no subscription may match it. */
const DISCARD_TOPIC = '$discarded';
const SYS_PREFIX = '$SYS/';
/** The id Aedes gives a client that connected without one (clean session only). */
const ASSIGNED_ID = /^aedes_[0-9a-f-]{36}$/;

/** CONNACK return codes of MQTT 3.1.1. */
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;
type RefusedCode = 2 | 4 | 5;
const REFUSED_MESSAGE: Record<RefusedCode, string> = {
  [IDENTIFIER_REJECTED]: 'identifier rejected',
  [BAD_USERNAME_OR_PASSWORD]: 'bad username or password',
  [NOT_AUTHORIZED]: 'not authorized',
};

class ConnectRefused extends Error {
  override readonly name = 'ConnectRefused';
  constructor(readonly returnCode: RefusedCode) {
    super(REFUSED_MESSAGE[returnCode]);
  }
}

type Hooks = Required<
  Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>
>;

/**
 * Aedes hooks enforcing the agencies file (`@cc/shared/node` acl), as the generated Mosquitto
 * files do where Mosquitto can:
 * - a known user with the right password connects, with a client id of its own
 *   (`mayUseClientId`), so no account can resume another's session (Mosquitto replaces every
 *   client id with the user name instead);
 * - an agency publishes only what the feed contract lets it (its own topics, its kinds). A
 *   refused publish is acknowledged and handed to ingest on the agency's `$refused` topic with
 *   the reason (`wrapRefused`), so the agency gets a reject notice and feed health counts it:
 *   dropping it would be silent, and closing the connection would make mqtt.js resend it after
 *   every reconnect. Mosquitto lets an agency's whole subtree through for the same reason, and
 *   ingest refuses what is not of its kinds;
 * - subscriptions only where the account's grants allow.
 */
export function createAuthHooks(auth: BrokerAuth): Hooks {
  const acl = createAcl(auth.topicRoot);
  const principals = new WeakMap<Client, Principal>();
  const refused = (r: Refusal) => auth.onRefused?.(r);

  return {
    authenticate(client, username, password, done) {
      const account = username === undefined ? undefined : findAccount(auth.agencies, username);
      const deny = (code: RefusedCode) => {
        refused({ what: 'connect', clientId: client.id, username });
        done(Object.assign(new ConnectRefused(code), { returnCode: code }), false);
      };
      if (!account || password === undefined) {
        deny(username === undefined ? NOT_AUTHORIZED : BAD_USERNAME_OR_PASSWORD);
        return;
      }
      verifyPassword(account.password, password).then(
        (ok) => {
          if (!ok) return deny(BAD_USERNAME_OR_PASSWORD);
          const assigned = client.clean && ASSIGNED_ID.test(client.id);
          if (!assigned && !mayUseClientId(account.id, client.id)) {
            return deny(IDENTIFIER_REJECTED);
          }
          principals.set(client, {
            id: account.id,
            role: account.role,
            ...(account.role === 'agency' ? { kinds: account.kinds } : {}),
          });
          done(null, true);
        },
        () => deny(BAD_USERNAME_OR_PASSWORD),
      );
    },

    authorizePublish(client, packet, done) {
      // Kept from Aedes' default: nobody publishes to $SYS (the connection is closed).
      if (packet.topic.startsWith(SYS_PREFIX)) {
        done(new Error(`${SYS_PREFIX} topic is reserved`));
        return;
      }
      const principal = client ? principals.get(client) : undefined;
      const verdict = acl.publishVerdict(principal, packet.topic);
      if (!verdict.ok) {
        refused({
          what: 'publish',
          clientId: client?.id ?? '',
          username: principal?.id,
          topic: packet.topic,
          reason: verdict.reason,
        });
        const payload =
          typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
        if (principal?.role === 'agency') {
          packet.payload = wrapRefused(packet.topic, payload, verdict);
          packet.topic = acl.topics.refused(principal.id);
        } else {
          packet.topic = DISCARD_TOPIC;
        }
        packet.retain = false;
      }
      done(null);
    },

    authorizeSubscribe(client, subscription, done) {
      const principal = principals.get(client);
      if (acl.maySubscribe(principal, subscription.topic)) {
        done(null, subscription);
        return;
      }
      refused({
        what: 'subscribe',
        clientId: client.id,
        username: principal?.id,
        topic: subscription.topic,
      });
      // A failure in the SUBACK (0x80); the connection stays up.
      done(null, null);
    },
  };
}
