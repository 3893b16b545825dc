import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ConfigSchema,
  loadAgencies,
  verifyPassword,
  loadWallConfig,
  loadRoadsFile,
} from '@cc/shared/node';
import { ACL_FILE, PASSWORD_FILE } from '../../scripts/mosquitto-config/files';
import { SIM_ENV_KEYS, SimEnvSchema } from '../../demo/src/sim-env';
import { REDIS_PERSISTENCE } from '../../scripts/start/redis';
import { INGEST_NODE_FLAGS } from '../../ingest/src/node-flags';
import { SERVER_NODE_FLAGS } from '../../server/src/node-flags';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published?: string | number }>;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

// Compose resolves YAML 1.1 merge keys (`<<: *app`); so must the test.
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};

/** A service's environment as strings, whichever of the two compose forms it uses. */
function env(s: Service): Record<string, string> {
  const e = s.environment ?? {};
  if (Array.isArray(e)) {
    return Object.fromEntries(
      e.map((line) => [line.split('=')[0], line.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** `${VAR:-default}` as compose resolves it when VAR is unset. */
const withDefaults = (value: string) => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

/** A service's mounts as [source, target] pairs, variables at their defaults. */
const mountsOf = (s: Service) =>
  (s.volumes ?? []).map((v) =>
    typeof v === 'string' ? withDefaults(v).split(':') : [v.source ?? '', v.target],
  );

/** The value following `flag` in a service's command. */
function argOf(s: Service, flag: string): string | undefined {
  const args = Array.isArray(s.command) ? s.command : (s.command ?? '').split(/\s+/);
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

const command = (s: Service) =>
  Array.isArray(s.command) ? s.command.join(' ') : (s.command ?? '');
const mosquittoPort = Number(
  /^listener\s+(\d+)/m.exec(read('deploy/mosquitto/mosquitto.conf'))?.[1],
);
/** Where each backing service listens inside the compose network. */
const LISTENS: Record<string, number> = { redis: 6379, mosquitto: mosquittoPort };
const SERVERS = ['server-1', 'server-2'];
const NODE_SERVICES = ['ingest', ...SERVERS, 'simulator'];

describe('docker-compose.yml', () => {
  it('runs the broker, Redis, ingest, server and simulator', () => {
    expect(existsSync(resolve(ROOT, 'demo/src/main.ts'))).toBe(true);
    for (const name of ['redis', 'mosquitto', ...NODE_SERVICES])
      expect(services).toHaveProperty(name);
    expect(service('redis').image).toMatch(/^redis:7/);
    expect(service('mosquitto').image).toMatch(/^eclipse-mosquitto:2/);
  });

  it.each(NODE_SERVICES)('builds %s from the repository’s one Dockerfile', (name) => {
    const s = service(name);
    const build = typeof s.build === 'string' ? { context: s.build } : s.build;
    expect(build?.context).toBe('.');
    expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(existsSync(resolve(ROOT, 'Dockerfile'))).toBe(true);
    // One node process with tsx loaded in it: no CLI wrapper between the signal and the handler.
    // Ingest and the servers with the V8 flags every launcher gives them.
    const flags =
      name === 'ingest'
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
      const config = Object.fromEntries(Object.entries(vars).filter(([k]) => known.has(k)));
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
    expect(env(service('ingest'))).toMatchObject({
      REDIS_URL: expect.any(String),
      MQTT_URL: expect.any(String),
    });
    for (const name of SERVERS) expect(env(service(name)).REDIS_URL).toBeDefined();
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

  it('mounts the Mosquitto configuration from the repository, with persistent data', () => {
    const mounts = mountsOf(service('mosquitto'));
    const config = mounts.find(([, target]) => target === '/mosquitto/config/mosquitto.conf');
    expect(config?.[0]).toBeDefined();
    expect(existsSync(resolve(ROOT, config?.[0] ?? 'missing'))).toBe(true);
    expect(mounts.some(([, target]) => target === '/mosquitto/data')).toBe(true);
  });

  it('generates the broker’s password and ACL files from the agencies file before it starts', () => {
    const auth = service('mosquitto-auth');
    expect(command(auth)).toContain('scripts/mosquitto-config.ts');
    expect(existsSync(resolve(ROOT, 'scripts/mosquitto-config.ts'))).toBe(true);
    // The agencies file is mounted from the repository (the demo file by default) and valid.
    const agencies = mountsOf(auth).find(([, target]) => target === argOf(auth, '--agencies'));
    expect(agencies?.[0]).toBeDefined();
    expect(() => loadAgencies(resolve(ROOT, agencies?.[0] ?? 'missing'))).not.toThrow();
    // The output directory is a volume the broker mounts where its configuration looks.
    const out = argOf(auth, '--out');
    const volume = mountsOf(auth).find(([, target]) => target === out)?.[0];
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    const brokerMount = mountsOf(service('mosquitto')).find(([source]) => source === volume);
    expect(brokerMount?.[1]).toBeDefined();
    const conf = read('deploy/mosquitto/mosquitto.conf');
    const setting = (key: string) => new RegExp(`^${key}\\s+(\\S+)`, 'm').exec(conf)?.[1];
    expect(setting('password_file')).toBe(`${brokerMount?.[1]}/${PASSWORD_FILE}`);
    expect(setting('acl_file')).toBe(`${brokerMount?.[1]}/${ACL_FILE}`);
    expect(setting('allow_anonymous')).toBe('false');
    expect(argOf(auth, '--root')).toBe(env(service('ingest')).MQTT_TOPIC_ROOT);
    expect(service('mosquitto').depends_on).toMatchObject({
      'mosquitto-auth': { condition: 'service_completed_successfully' },
    });
  });

  it('logs ingest in with the ingest account of the same agencies file', async () => {
    const vars = env(service('ingest'));
    const mount = mountsOf(service('ingest')).find(([, target]) => target === vars.AGENCIES_FILE);
    expect(mount?.[0]).toBe(mountsOf(service('mosquitto-auth'))[0]?.[0]);
    const file = loadAgencies(resolve(ROOT, mount?.[0] ?? 'missing'));
    const account = file.accounts.find((a) => a.id === vars.MQTT_USERNAME);
    expect(account?.role).toBe('ingest');
    // The default password is the demo one, and it matches the default (demo) file.
    const password = withDefaults(vars.MQTT_PASSWORD ?? '');
    expect(await verifyPassword(account?.password ?? '', password)).toBe(true);
    // The broker's health check logs in too: anonymous clients are refused.
    expect(String(service('mosquitto').healthcheck?.test)).toContain(`-u ${vars.MQTT_USERNAME}`);
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
  const conf = read('deploy/mosquitto/mosquitto.conf');
  const setting = (key: string) => new RegExp(`^${key}\\s+(\\S+)`, 'm').exec(conf)?.[1];

  it('raises the queue limits past which Mosquitto silently drops QoS 1 messages', () => {
    expect(Number(setting('max_queued_messages'))).toBeGreaterThanOrEqual(100_000);
    expect(Number(setting('max_queued_bytes'))).toBeGreaterThan(0);
    expect(Number(setting('max_inflight_messages'))).toBeGreaterThan(20);
  });

  it('persists sessions and expires abandoned ones', () => {
    expect(setting('persistence')).toBe('true');
    expect(setting('persistence_location')).toBe('/mosquitto/data/');
    expect(setting('persistent_client_expiration')).toMatch(/^\d+[hdwmy]$/);
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
