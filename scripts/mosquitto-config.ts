/**
 * `npm run mosquitto:config -- --agencies deploy/agencies.yaml --out <dir> [--root cc/v1]` writes
 * what the deployed Mosquitto runs with: `<dir>/dynamic-security.json` (every account of the
 * agencies file, its password hash and its ACL, the same rules the embedded broker enforces) and
 * `<dir>/mosquitto.conf` (the settings the product depends on, scripts/mosquitto-config/
 * broker-conf.ts, for the listener and paths given; docker-compose.yml's by default).
 *
 * `npm run -s mosquitto:config -- --print-conf` prints that mosquitto.conf alone (it does not
 * depend on the agencies file): deploy/mosquitto/mosquitto.conf is its output.
 *
 * `npm run mosquitto:config -- --hash` reads a password from stdin and prints its `$7$` hash for
 * the agencies file (the same format as `mosquitto_passwd`).
 */
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOPIC_ROOT } from '@cc/shared';
import { AgenciesFileError, hashPassword, loadAgencies } from '@cc/shared/node';
import { COMPOSE_SITE, renderBrokerConf, type BrokerSite } from './mosquitto-config/broker-conf';
import { CONF_FILE, DYNSEC_FILE, renderDynamicSecurity } from './mosquitto-config/files';

const USAGE = `usage:
  npm run mosquitto:config -- --agencies <agencies.yaml> --out <dir> [--root ${DEFAULT_TOPIC_ROOT}] [--owner uid:gid]
        [--listener ${COMPOSE_SITE.listeners[0]?.host}:${COMPOSE_SITE.listeners[0]?.port} …] [--data-dir ${COMPOSE_SITE.dataDir}] [--plugin ${COMPOSE_SITE.plugin}]
        [--auth-dir <dir as the broker sees it; default: --out>]
  npm run -s mosquitto:config -- --print-conf [same listener and path options]
  npm run mosquitto:config -- --hash        (password on stdin; prints its $7$ hash)`;

function fail(message: string): never {
  process.stderr.write(`✖ ${message}\n`);
  process.exit(1);
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        agencies: { type: 'string' },
        out: { type: 'string' },
        root: { type: 'string', default: DEFAULT_TOPIC_ROOT },
        /** uid:gid of the files, e.g. 1883:1883 for the eclipse-mosquitto image's user. */
        owner: { type: 'string' },
        listener: { type: 'string', multiple: true },
        'data-dir': { type: 'string', default: COMPOSE_SITE.dataDir },
        plugin: { type: 'string', default: COMPOSE_SITE.plugin },
        'auth-dir': { type: 'string' },
        'print-conf': { type: 'boolean', default: false },
        hash: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
}
const args = readArgs();

if (args.hash) {
  // stdin, not an argument: a password on the command line ends up in the shell's history.
  const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (password.length === 0) fail('no password on stdin');
  process.stdout.write(`${hashPassword(password)}\n`);
  process.exit(0);
}

function site(authDir: string): BrokerSite {
  const listeners = (args.listener ?? []).map((spec) => {
    const m = /^(.+):(\d{1,5})$/.exec(spec);
    if (!m || Number(m[2]) > 65_535)
      fail(`--listener must be host:port, e.g. 0.0.0.0:1883: ${spec}`);
    return { host: m[1]!, port: Number(m[2]) };
  });
  const dataDir = args['data-dir'].endsWith('/') ? args['data-dir'] : `${args['data-dir']}/`;
  return {
    ...COMPOSE_SITE,
    listeners: listeners.length > 0 ? listeners : COMPOSE_SITE.listeners,
    dataDir,
    authDir,
    plugin: args.plugin,
  };
}

if (args['print-conf']) {
  process.stdout.write(renderBrokerConf(site(args['auth-dir'] ?? COMPOSE_SITE.authDir)));
  process.exit(0);
}

if (!args.agencies || !args.out) fail(USAGE);
const out = args.out;
if (/[#+]/.test(args.root)) fail(`--root must not contain MQTT wildcards: ${args.root}`);
const owner = args.owner?.split(':').map(Number);
if (owner && (owner.length !== 2 || owner.some((n) => !Number.isInteger(n) || n < 0))) {
  fail(`--owner must be uid:gid, e.g. 1883:1883: ${args.owner}`);
}

let file;
try {
  file = loadAgencies(args.agencies);
} catch (err) {
  if (err instanceof AgenciesFileError) fail(err.message);
  throw err;
}

mkdirSync(out, { recursive: true });
/** Owner-only: the accounts file holds password hashes. */
function writePrivate(name: string, text: string) {
  const target = path.join(out, name);
  writeFileSync(target, text, { mode: 0o600 });
  chmodSync(target, 0o600); // also when the file already existed
  if (owner) chownSync(target, owner[0] ?? 0, owner[1] ?? 0);
}
writePrivate(DYNSEC_FILE, renderDynamicSecurity(file, args.root));
writePrivate(CONF_FILE, renderBrokerConf(site(args['auth-dir'] ?? path.resolve(out))));
const agencies = file.accounts.filter((a) => a.role === 'agency').length;
process.stdout.write(
  `✔ ${path.join(out, DYNSEC_FILE)} and ${path.join(out, CONF_FILE)}: ${agencies} agencies, ` +
    `${file.accounts.length - agencies} service account(s), topic root ${args.root}\n`,
);
