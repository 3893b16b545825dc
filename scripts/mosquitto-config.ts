/**
 * `npm run mosquitto:config -- --agencies deploy/agencies.yaml --out <dir> [--root cc/v1]`
 * writes Mosquitto's password file (`<dir>/passwords`) and ACL file (`<dir>/acl`) from the
 * agencies file, with the same permissions the embedded broker enforces.
 *
 * `npm run mosquitto:config -- --hash` reads a password from stdin and prints its `$7$` hash for
 * the agencies file (the same format as `mosquitto_passwd`).
 */
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOPIC_ROOT } from '@cc/shared';
import { AgenciesFileError, hashPassword, loadAgencies } from '@cc/shared/node';
import {
  ACL_FILE,
  PASSWORD_FILE,
  renderAclFile,
  renderPasswordFile,
} from './mosquitto-config/files';

const USAGE = `usage:
  npm run mosquitto:config -- --agencies <agencies.yaml> --out <dir> [--root ${DEFAULT_TOPIC_ROOT}] [--owner uid:gid]
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

const source = path.basename(args.agencies);
mkdirSync(out, { recursive: true });
/** Owner-only: Mosquitto warns about (and later versions refuse) world-readable credentials. */
function writePrivate(name: string, text: string) {
  const target = path.join(out, name);
  writeFileSync(target, text, { mode: 0o600 });
  chmodSync(target, 0o600); // also when the file already existed
  if (owner) chownSync(target, owner[0] ?? 0, owner[1] ?? 0);
}
writePrivate(PASSWORD_FILE, renderPasswordFile(file));
writePrivate(ACL_FILE, renderAclFile(file, args.root, source));
const agencies = file.accounts.filter((a) => a.role === 'agency').length;
process.stdout.write(
  `✔ ${path.join(out, PASSWORD_FILE)} and ${path.join(out, ACL_FILE)}: ${agencies} agencies, ` +
    `${file.accounts.length - agencies} service account(s), topic root ${args.root}\n`,
);
