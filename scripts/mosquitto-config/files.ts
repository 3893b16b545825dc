import { grantsFor, parseHash, type AgenciesFile, type Grants } from '@cc/shared/node';

/** The generated files, by the name they are written under in the output directory. */
export const DYNSEC_FILE = 'dynamic-security.json';
export const CONF_FILE = 'mosquitto.conf';

/** One ACL entry of Mosquitto's dynamic-security plugin (its config file's format). */
interface DynsecAcl {
  acltype: 'publishClientSend' | 'publishClientReceive' | 'subscribePattern';
  topic: string;
  /** Higher first; the first entry matching decides. */
  priority: number;
  allow: boolean;
}

/** Grants as dynamic-security ACL entries: denials first, then what is allowed. */
export function dynsecAcls(g: Grants): DynsecAcl[] {
  return [
    ...g.publishDenied.map((topic) => ({
      acltype: 'publishClientSend' as const,
      topic,
      priority: 1,
      allow: false,
    })),
    ...g.publish.map((topic) => ({
      acltype: 'publishClientSend' as const,
      topic,
      priority: 0,
      allow: true,
    })),
    ...g.subscribe.flatMap((topic) => [
      { acltype: 'subscribePattern' as const, topic, priority: 0, allow: true },
      { acltype: 'publishClientReceive' as const, topic, priority: 0, allow: true },
    ]),
  ];
}

/**
 * The dynamic-security plugin's file: one client per account with its `$7$` hash taken apart
 * (the plugin stores PBKDF2-SHA512 key, salt and iterations separately), and one role per account
 * holding exactly its grants (`grantsFor`, the rules the embedded broker applies to
 * subscriptions). Whatever no entry allows is denied, receiving included.
 */
export function renderDynamicSecurity(file: AgenciesFile, root: string): string {
  const clients = file.accounts.map((account) => {
    const hash = parseHash(account.password);
    // The agencies file's schema admits only well-formed hashes.
    if (!hash) throw new Error(`account ${account.id}: not a $7$ hash`);
    return {
      username: account.id,
      textname: account.name,
      password: hash.key.toString('base64'),
      salt: hash.salt.toString('base64'),
      iterations: hash.iterations,
      roles: [{ rolename: account.id }],
    };
  });
  const roles = file.accounts.map((account) => ({
    rolename: account.id,
    textdescription: `${account.role}${account.role === 'agency' ? `: ${account.kinds.join(', ')}` : ''}`,
    acls: dynsecAcls(grantsFor(account, root)),
  }));
  const config = {
    defaultACLAccess: {
      publishClientSend: false,
      publishClientReceive: false,
      subscribe: false,
      unsubscribe: true,
    },
    clients,
    groups: [],
    roles,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
