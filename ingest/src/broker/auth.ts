import type { AedesOptions, Client } from 'aedes';
import {
  createAcl,
  findAccount,
  verifyPassword,
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
}

/** Where a refused publish goes: no subscription may match it, so it reaches nobody. */
const DISCARD_TOPIC = '$refused';
const SYS_PREFIX = '$SYS/';

/** CONNACK return codes of MQTT 3.1.1. */
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

class ConnectRefused extends Error {
  override readonly name = 'ConnectRefused';
  constructor(readonly returnCode: 4 | 5) {
    super(returnCode === NOT_AUTHORIZED ? 'not authorized' : 'bad username or password');
  }
}

type Hooks = Required<
  Pick<AedesOptions, 'authenticate' | 'authorizePublish' | 'authorizeSubscribe'>
>;

/**
 * Aedes hooks enforcing the same rules as the generated Mosquitto files (`@cc/shared/node` acl):
 * a known user with the right password may connect; it publishes and subscribes only where its
 * grants allow. A refused publish is acknowledged and discarded, as Mosquitto does: closing the
 * connection instead would make mqtt.js resend the same message after every reconnect.
 */
export function createAuthHooks(auth: BrokerAuth): Hooks {
  const acl = createAcl(auth.topicRoot);
  const principals = new WeakMap<Client, Principal>();
  const refused = (r: Refusal) => auth.onRefused?.(r);

  return {
    authenticate(client, username, password, done) {
      const account = username === undefined ? undefined : findAccount(auth.agencies, username);
      const deny = (code: 4 | 5) => {
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
          principals.set(client, { id: account.id, role: account.role });
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
      if (!acl.mayPublish(principal, packet.topic)) {
        refused({
          what: 'publish',
          clientId: client?.id ?? '',
          username: principal?.id,
          topic: packet.topic,
        });
        packet.topic = DISCARD_TOPIC;
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
