import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grantsFor, hashPassword, parseAgencies, parseHash } from '@cc/shared/node';
import {
  BROKER_SETTINGS,
  COMPOSE_SITE,
  LISTENER_SETTINGS,
  renderBrokerConf,
  settingsOf,
} from '../../scripts/mosquitto-config/broker-conf';
import { dynsecAcls, renderDynamicSecurity } from '../../scripts/mosquitto-config/files';

const file = parseAgencies({
  version: 1,
  accounts: [
    {
      id: 'ingest-1',
      name: '接入服务',
      role: 'ingest',
      password: hashPassword('i', { iterations: 10 }),
    },
    {
      id: 'ent-a',
      name: '甲单位',
      role: 'agency',
      kinds: ['hazard', 'sensor'],
      password: hashPassword('a', { iterations: 10 }),
    },
    {
      id: 'monitor',
      name: '监控',
      role: 'monitor',
      password: hashPassword('m', { iterations: 10 }),
    },
  ],
});

interface Dynsec {
  defaultACLAccess: Record<string, boolean>;
  clients: {
    username: string;
    password: string;
    salt: string;
    iterations: number;
    roles: { rolename: string }[];
  }[];
  roles: { rolename: string; acls: unknown[] }[];
}

describe('the generated dynamic-security file', () => {
  const dynsec = JSON.parse(renderDynamicSecurity(file, 'x/v1')) as Dynsec;

  it('holds each account’s hash, taken apart, and a role of its own', () => {
    for (const account of file.accounts) {
      const client = dynsec.clients.find((c) => c.username === account.id);
      const hash = parseHash(account.password)!;
      expect(client).toMatchObject({
        password: hash.key.toString('base64'),
        salt: hash.salt.toString('base64'),
        iterations: hash.iterations,
        roles: [{ rolename: account.id }],
      });
    }
  });

  it('gives each role exactly the grants the embedded broker enforces, nothing by default', () => {
    for (const account of file.accounts) {
      const role = dynsec.roles.find((r) => r.rolename === account.id);
      expect(role?.acls).toEqual(dynsecAcls(grantsFor(account, 'x/v1')));
    }
    expect(dynsec.defaultACLAccess).toEqual({
      publishClientSend: false,
      publishClientReceive: false,
      subscribe: false,
      unsubscribe: true,
    });
    const agency = dynsec.roles.find((r) => r.rolename === 'ent-a');
    // Its subtree, less what the command center writes there (denials decide first).
    expect(agency?.acls).toContainEqual({
      acltype: 'publishClientSend',
      topic: 'x/v1/ent-a/#',
      priority: 0,
      allow: true,
    });
    expect(agency?.acls).toContainEqual({
      acltype: 'publishClientSend',
      topic: 'x/v1/ent-a/rejects/#',
      priority: 1,
      allow: false,
    });
    expect(agency?.acls).toContainEqual({
      acltype: 'publishClientReceive',
      topic: 'x/v1/ent-a/rejects',
      priority: 0,
      allow: true,
    });
  });
});

describe('the generated mosquitto.conf', () => {
  const conf = renderBrokerConf(COMPOSE_SITE);
  const settings = settingsOf(conf);

  it('holds every setting the product depends on, each explained', () => {
    // The comments as running text.
    const text = conf.replace(/\n# /g, ' ');
    for (const s of [...BROKER_SETTINGS, ...LISTENER_SETTINGS]) {
      expect(settings.get(s.key), s.key).toBe(s.value);
      expect(text).toContain(`Without it: ${s.without}.\n${s.key} ${s.value}`);
    }
    expect(settings.get('persistence_location')).toBe(COMPOSE_SITE.dataDir);
    expect(settings.get('plugin_opt_config_file')).toBe('/mosquitto/auth/dynamic-security.json');
  });

  it('binds client ids to accounts on every listener', () => {
    const site = {
      ...COMPOSE_SITE,
      listeners: [
        { host: '0.0.0.0', port: 1883 },
        { host: '127.0.0.1', port: 1884 },
      ],
    };
    const lines = renderBrokerConf(site).split('\n');
    const listeners = lines.flatMap((l, i) => (l.startsWith('listener ') ? [i] : []));
    expect(listeners).toHaveLength(2);
    for (const [n, at] of listeners.entries()) {
      const until = listeners[n + 1] ?? lines.length;
      expect(lines.slice(at, until)).toContain('use_username_as_clientid true');
    }
  });

  it('is what deploy/mosquitto/mosquitto.conf shows', () => {
    expect(readFileSync('deploy/mosquitto/mosquitto.conf', 'utf8')).toBe(conf);
  });
});
