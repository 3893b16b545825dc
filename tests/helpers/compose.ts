import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published?: string | number }>;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

/** docker-compose.yml, with YAML 1.1 merge keys (`<<: *app`) resolved as compose does. */
export const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

export function service(name: string): Service {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
}

/** `${VAR:-default}` as compose resolves it when VAR is unset. */
export const withDefaults = (value: string) => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

/** A service's environment as strings, whichever of the two compose forms it uses. */
export function env(s: Service): Record<string, string> {
  const e = s.environment ?? {};
  if (Array.isArray(e)) {
    return Object.fromEntries(
      e.map((line) => [line.split('=')[0], line.split('=').slice(1).join('=')]),
    );
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** A service's mounts as [source, target(, mode)], variables at their defaults. */
export const mountsOf = (s: Service) =>
  (s.volumes ?? []).map((v) =>
    typeof v === 'string' ? withDefaults(v).split(':') : [v.source ?? '', v.target],
  );

/** The value following `flag` in a service's command. */
export function argOf(s: Service, flag: string): string | undefined {
  const args = Array.isArray(s.command) ? s.command : (s.command ?? '').split(/\s+/);
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

export const command = (s: Service) =>
  Array.isArray(s.command) ? s.command.join(' ') : (s.command ?? '');

/** The ingest workers: every service that runs ingest. */
export const WORKERS = Object.keys(compose.services).filter((name) =>
  command(compose.services[name]!).endsWith('ingest/src/main.ts'),
);

/**
 * Each ingest worker's settings exactly as docker compose gives them (variables at their
 * defaults), with only what names a place changed: the broker and Redis URLs, and the agencies
 * file's path in the container replaced by the file it mounts (resolved in the repository).
 */
export function deployedWorkerSettings(places: { mqttUrl: string; redisUrl: string }) {
  return WORKERS.map((name) => {
    const s = service(name);
    const vars = Object.fromEntries(Object.entries(env(s)).map(([k, v]) => [k, withDefaults(v)]));
    const mount = mountsOf(s).find(([, target]) => target === vars.AGENCIES_FILE);
    if (vars.AGENCIES_FILE && !mount) throw new Error(`${name}: AGENCIES_FILE is not mounted`);
    const settings: Record<string, string> = {
      ...vars,
      MQTT_URL: places.mqttUrl,
      REDIS_URL: places.redisUrl,
      ...(mount ? { AGENCIES_FILE: resolve(ROOT, mount[0]!) } : {}),
    };
    return { name, settings };
  });
}
