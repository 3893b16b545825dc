import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigSchema,
  loadAgencies,
  verifyPassword,
  loadWallConfig,
  loadRoadsFile,
} from '@cc/shared/node';
import { CONF_FILE, DYNSEC_FILE } from '../../scripts/mosquitto-config/files';
import {
  BROKER_SETTINGS,
  COMPOSE_SITE,
  LISTENER_SETTINGS,
  settingsOf,
} from '../../scripts/mosquitto-config/broker-conf';
import { ownedAgencies, parsePartition } from '../../ingest/src/mqtt/partition';
import { SIM_ENV_KEYS, SimEnvSchema } from '../../demo/src/sim-env';
import { REDIS_PERSISTENCE } from '../../scripts/start/redis';
import { INGEST_NODE_FLAGS } from '../../ingest/src/node-flags';
import { SERVER_NODE_FLAGS } from '../../server/src/node-flags';
import {
  argOf,
  command,
  compose,
  env,
  mountsOf,
  service,
  withDefaults,
  WORKERS,
} from '../helpers/compose';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

const services = compose.services;

const mosquittoPort = COMPOSE_SITE.listeners[0]!.port;
/** Where each backing service listens inside the compose network. */
const LISTENS: Record<string, number> = { redis: 6379, mosquitto: mosquittoPort, postgres: 5432 };
const SERVERS = ['server-1', 'server-2'];
const NODE_SERVICES = [...WORKERS, ...SERVERS, 'archiver', 'simulator'];

describe('docker-compose.yml', () => {
  it('runs the broker, Redis, PostgreSQL, ingest workers, servers, archiver and simulator', () => {
    expect(existsSync(resolve(ROOT, 'demo/src/main.ts'))).toBe(true);
    for (const name of ['redis', 'mosquitto', 'postgres', ...NODE_SERVICES])
      expect(services).toHaveProperty(name);
    expect(service('redis').image).toMatch(/^redis:7/);
    expect(service('mosquitto').image).toMatch(/^eclipse-mosquitto:2/);
    expect(service('postgres').image).toMatch(/^postgres:1[5-9]/);
  });

  it.each(NODE_SERVICES)('builds %s from the repository’s one Dockerfile', (name) => {
    const s = service(name);
    const build = typeof s.build === 'string' ? { context: s.build } : s.build;
    expect(build?.context).toBe('.');
    expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(existsSync(resolve(ROOT, 'Dockerfile'))).toBe(true);
    // One node process with tsx loaded in it: no CLI wrapper between the signal and the handler.
    // Ingest and the servers with the V8 flags every launcher gives them.
    const flags = WORKERS.includes(name)
      ? `${INGEST_NODE_FLAGS.join(' ')} `
      : SERVERS.includes(name)
        ? `${SERVER_NODE_FLAGS.join(' ')} `
        : '';
    expect(command(s)).toBe(
      `node ${flags}--import tsx ${name === 'simulator' ? 'demo' : name.replace(/-\d+$/, '')}/src/main.ts`,
    );
  });

  it('sets only variables the processes read, with values their schemas accept', () => {
    const known = new Set(Object.keys(ConfigSchema.shape));
    for (const [name, s] of Object.entries(services)) {
      if (!NODE_SERVICES.includes(name)) continue;
      const vars = env(s);
      const allowed = (k: string) =>
        known.has(k) || (name === 'simulator' && (SIM_ENV_KEYS as string[]).includes(k));
      expect(
        Object.keys(vars).filter((k) => !allowed(k)),
        name,
      ).toEqual([]);
      const config = Object.fromEntries(
        Object.entries(vars).flatMap(([k, v]) => (known.has(k) ? [[k, withDefaults(v)]] : [])),
      );
      expect(() => ConfigSchema.parse(config), name).not.toThrow();
      if (name === 'simulator') expect(() => SimEnvSchema.parse(vars)).not.toThrow();
    }
  });

  it('points REDIS_URL and MQTT_URL at the compose services and their ports', () => {
    expect(mosquittoPort).toBe(1883);
    for (const name of NODE_SERVICES) {
      const vars = env(service(name));
      for (const key of ['REDIS_URL', 'MQTT_URL'] as const) {
        const value = vars[key];
        if (value === undefined) continue;
        const url = new URL(value);
        expect(url.protocol, `${name} ${key}`).toBe(key === 'REDIS_URL' ? 'redis:' : 'mqtt:');
        expect(Object.keys(LISTENS), `${name} ${key}`).toContain(url.hostname);
        expect(Number(url.port), `${name} ${key}`).toBe(LISTENS[url.hostname]);
      }
    }
    for (const name of WORKERS) {
      expect(env(service(name))).toMatchObject({
        REDIS_URL: expect.any(String),
        MQTT_URL: expect.any(String),
      });
    }
    for (const name of SERVERS) expect(env(service(name)).REDIS_URL).toBeDefined();
    // The archiver: Redis and the compose PostgreSQL, with the database and account it creates.
    const archiver = env(service('archiver'));
    expect(new URL(archiver.REDIS_URL ?? '').host).toBe('redis:6379');
    const database = new URL(withDefaults(archiver.DATABASE_URL ?? ''));
    expect(database.protocol).toBe('postgres:');
    expect(`${database.hostname}:${database.port}`).toBe(`postgres:${LISTENS.postgres}`);
    const pg = env(service('postgres'));
    expect(database.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect(database.username).toBe(pg.POSTGRES_USER);
    expect(database.password).toBe(withDefaults(pg.POSTGRES_PASSWORD ?? ''));
    expect(env(service('archiver')).REDIS_PREFIX).toBe(env(service(SERVERS[0]!)).REDIS_PREFIX);
    expect(service('archiver').depends_on).toMatchObject({
      redis: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
    expect(
      service('postgres').volumes?.some((v) => String(v).endsWith(':/var/lib/postgresql/data')),
    ).toBe(true);
    expect(env(service('simulator')).MQTT_URL).toBeDefined();
    expect(service('mosquitto').ports).toContain(`${mosquittoPort}:${mosquittoPort}`);
  });

  it('publishes the servers through the load balancer only, all configured alike', () => {
    const lb = service('lb');
    expect(lb.image).toMatch(/^nginx:1\.27-alpine$/);
    expect(lb.ports).toEqual(['8080:80']);
    expect(lb.depends_on).toEqual(SERVERS);
    const first = env(service(SERVERS[0]!));
    for (const name of SERVERS) {
      expect(service(name).ports, name).toBeUndefined();
      expect(env(service(name)), name).toEqual(first);
    }
    expect(first.CLIENT_DIST).toBe('/app/client/dist');
  });

  it('proxies to every server with websocket upgrades and a read timeout above the pings', () => {
    const mount = mountsOf(service('lb')).find(([, target]) => target === '/etc/nginx/nginx.conf');
    expect(mount?.[0]).toBe('./deploy/nginx/nginx.conf');
    const conf = read(mount?.[0] ?? 'missing');
    const upstream = /upstream\s+(\S+)\s*\{([^}]*)\}/.exec(conf);
    const port = ConfigSchema.parse(env(service(SERVERS[0]!))).PORT;
    expect(upstream?.[2]?.match(/server\s+\S+;/g)).toEqual(
      SERVERS.map((name) => `server ${name}:${port};`),
    );
    expect(conf).toMatch(new RegExp(`proxy_pass\\s+http://${upstream?.[1]};`));
    expect(conf).toMatch(/proxy_http_version\s+1\.1;/);
    expect(conf).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(conf).toMatch(/proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    expect(conf).toMatch(/map\s+\$http_upgrade\s+\$connection_upgrade\s*\{\s*default\s+upgrade;/);
    // Socket.IO's defaults: pingInterval 25 s + pingTimeout 20 s.
    const timeout = Number(/proxy_read_timeout\s+(\d+)s;/.exec(conf)?.[1]);
    expect(timeout).toBeGreaterThan(25 + 20);
  });

  it('runs the broker with the generated configuration, with persistent data', () => {
    const broker = service('mosquitto');
    const auth = service('mosquitto-auth');
    const out = argOf(auth, '--out');
    const volume = mountsOf(auth).find(([, target]) => target === out)?.[0];
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    // The broker reads the directory where the generator writes, at the same path.
    expect(mountsOf(broker)).toContainEqual([volume, out, 'ro']);
    expect(out).toBe(COMPOSE_SITE.authDir);
    expect(command(broker)).toBe(`mosquitto -c ${out}/${CONF_FILE}`);
    // The generator's defaults are compose's: no listener or path flag changes them.
    for (const flag of ['--listener', '--data-dir', '--plugin', '--auth-dir'])
      expect(argOf(auth, flag), flag).toBeUndefined();
    expect(mountsOf(broker).some(([, target]) => `${target}/` === COMPOSE_SITE.dataDir)).toBe(true);
    expect(service('mosquitto').ports).toContain(`${mosquittoPort}:${mosquittoPort}`);
  });

  it('generates the broker’s accounts from the agencies file before it starts', () => {
    const auth = service('mosquitto-auth');
    expect(command(auth)).toContain('scripts/mosquitto-config.ts');
    expect(existsSync(resolve(ROOT, 'scripts/mosquitto-config.ts'))).toBe(true);
    // The agencies file is mounted from the repository (the demo file by default) and valid.
    const agencies = mountsOf(auth).find(([, target]) => target === argOf(auth, '--agencies'));
    expect(agencies?.[0]).toBeDefined();
    expect(() => loadAgencies(resolve(ROOT, agencies?.[0] ?? 'missing'))).not.toThrow();
    const conf = read('deploy/mosquitto/mosquitto.conf');
    expect(settingsOf(conf).get('plugin_opt_config_file')).toBe(
      `${argOf(auth, '--out')}/${DYNSEC_FILE}`,
    );
    for (const name of WORKERS) {
      expect(argOf(auth, '--root'), name).toBe(env(service(name)).MQTT_TOPIC_ROOT);
    }
    expect(service('mosquitto').depends_on).toMatchObject({
      'mosquitto-auth': { condition: 'service_completed_successfully' },
    });
  });

  it('logs each ingest worker in with an ingest account of its own, of the same agencies file', async () => {
    expect(WORKERS.length).toBeGreaterThanOrEqual(2);
    const usernames = new Set<string>();
    for (const name of WORKERS) {
      const vars = env(service(name));
      const mount = mountsOf(service(name)).find(([, target]) => target === vars.AGENCIES_FILE);
      expect(mount?.[0], name).toBe(mountsOf(service('mosquitto-auth'))[0]?.[0]);
      const file = loadAgencies(resolve(ROOT, mount?.[0] ?? 'missing'));
      const account = file.accounts.find((a) => a.id === vars.MQTT_USERNAME);
      expect(account?.role, name).toBe('ingest');
      usernames.add(vars.MQTT_USERNAME ?? '');
      // The default password is the demo one, and it matches the default (demo) file.
      const password = withDefaults(vars.MQTT_PASSWORD ?? '');
      expect(await verifyPassword(account?.password ?? '', password), name).toBe(true);
      // The client id is the account's (unset: it is MQTT_USERNAME).
      expect(vars.INGEST_CLIENT_ID, name).toBeUndefined();
    }
    expect(usernames.size).toBe(WORKERS.length);
    // The broker's health check logs in with the monitor account (an ingest account would
    // replace its worker's connection).
    const check = String(service('mosquitto').healthcheck?.test);
    const monitor = /-u (\S+)/.exec(check)?.[1];
    const file = loadAgencies(resolve(ROOT, mountsOf(service('mosquitto-auth'))[0]?.[0] ?? ''));
    expect(file.accounts.find((a) => a.id === monitor)?.role).toBe('monitor');
  });

  it('splits every agency between the workers, each to exactly one, with no shared subscription', () => {
    const file = loadAgencies(resolve(ROOT, mountsOf(service('mosquitto-auth'))[0]?.[0] ?? ''));
    const agencies = file.accounts.flatMap((a) => (a.role === 'agency' ? [a.id] : []));
    const owners = new Map<string, string[]>();
    for (const name of WORKERS) {
      const vars = env(service(name));
      expect(vars.MQTT_SHARE_GROUP, name).toBeUndefined();
      const parts = parsePartition(vars.INGEST_PARTITION ?? '');
      expect(
        parts.every((p) => p.of === WORKERS.length),
        name,
      ).toBe(true);
      for (const agency of ownedAgencies(agencies, parts))
        owners.set(agency, [...(owners.get(agency) ?? []), name]);
    }
    for (const agency of agencies) expect(owners.get(agency), agency).toHaveLength(1);
    // Both workers get a share.
    expect(new Set([...owners.values()].flat()).size).toBe(WORKERS.length);
  });

  it('gives the servers a wall file that is in the image and valid', () => {
    for (const name of SERVERS) {
      const file = env(service(name)).WALL_FILE ?? '';
      // The image copies the repository to /app (Dockerfile: WORKDIR /app, COPY . .).
      expect(file.startsWith('/app/')).toBe(true);
      const config = loadWallConfig(resolve(ROOT, file.slice('/app/'.length)));
      expect(config.focus.seconds).toBeGreaterThan(0);
    }
  });

  it('gives the servers a road network that is in the image and valid', () => {
    for (const name of SERVERS) {
      const file = env(service(name)).ROADS_FILE ?? '';
      expect(file.startsWith('/app/')).toBe(true);
      expect(
        loadRoadsFile(resolve(ROOT, file.slice('/app/'.length))).features.length,
      ).toBeGreaterThan(0);
    }
  });

  it('runs Redis with AOF persistence on a volume', () => {
    const redis = command(service('redis'));
    // The persistence `npm start` and the benchmark run Redis with, word for word.
    expect(redis).toContain(REDIS_PERSISTENCE.join(' '));
    expect(service('redis').volumes?.some((v) => String(v).endsWith(':/data'))).toBe(true);
  });
});

describe('the Mosquitto configuration', () => {
  const settings = settingsOf(read('deploy/mosquitto/mosquitto.conf'));

  it('holds every setting the product depends on, generated', () => {
    for (const s of [...BROKER_SETTINGS, ...LISTENER_SETTINGS])
      expect(settings.get(s.key), s.key).toBe(s.value);
    expect(Number(settings.get('max_queued_messages'))).toBeGreaterThanOrEqual(100_000);
    expect(Number(settings.get('max_inflight_messages'))).toBeGreaterThan(20);
    expect(settings.get('persistence_location')).toBe('/mosquitto/data/');
    expect(settings.get('persistent_client_expiration')).toMatch(/^\d+[hdwmy]$/);
  });

  it('lets every ingest batch fill under the broker’s in-flight window', () => {
    for (const name of WORKERS) {
      const config = ConfigSchema.parse(env(service(name)));
      expect(Number(settings.get('max_inflight_messages')), name).toBeGreaterThanOrEqual(
        config.INGEST_BATCH_MESSAGES,
      );
    }
  });
});

describe('the Dockerfile', () => {
  it('copies the manifest of every npm workspace before npm ci', () => {
    const dockerfile = read('Dockerfile');
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const ci = dockerfile.indexOf('npm ci');
    expect(ci).toBeGreaterThan(0);
    for (const w of workspaces) {
      const copy = dockerfile.indexOf(`COPY ${w}/package.json ${w}/`);
      expect(copy, w).toBeGreaterThan(0);
      expect(copy, w).toBeLessThan(ci);
    }
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim/m);
  });
});
