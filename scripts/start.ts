/**
 * `npm start`: the whole product on one machine — Redis (the configured one, else a private
 * redis-server), PostgreSQL for the archive (DATABASE_URL, else a private postgres, else an
 * embedded PGlite), an MQTT broker (MQTT_URL, else the embedded one), the client build, ingest,
 * the server, the archiver and the demo simulator (`--no-sim` leaves it out). Ctrl-C stops
 * everything.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgenciesFileError, loadAgencies, loadConfig } from '@cc/shared/node';
import type { EmbeddedBroker } from '../ingest/src/broker/embedded';
import {
  DEMO_AGENCIES_FILE,
  DEMO_INGEST_ACCOUNT,
  demoPassword,
} from '../demo/src/demo-credentials';
import {
  EMBEDDED_MQTT_PORT,
  EmbeddedPortError,
  startEmbeddedBrokerOnFixedPort,
} from './start/embedded-broker';
import { redisAnswers, RedisMissingError, startPrivateRedis } from './start/redis';
import {
  ensureDatabase,
  postgresBinaries,
  startPglite,
  startPrivatePostgres,
  type EmbeddedDatabase,
} from './start/postgres';
import { supervise } from './start/supervisor';
import { startDemoCameras } from './start/cameras';
import { INGEST_NODE_FLAGS } from '../ingest/src/node-flags';
import { SERVER_NODE_FLAGS } from '../server/src/node-flags';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const args = new Set(process.argv.slice(2));
const withSimulator = !args.has('--no-sim');

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n✖ ${message}\n\n`);
  process.exit(1);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the client when there is no build or the sources are newer than it. */
function ensureClientBuild(): string {
  const dist = path.join(root, 'client/dist');
  const index = path.join(dist, 'index.html');
  const sources = [path.join(root, 'client/src'), path.join(root, 'shared/src')];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) {
    return dist;
  }
  say('• building the client (first start or sources changed)…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'client'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the client build failed (see above)');
  return dist;
}

let config;
try {
  config = loadConfig();
} catch (err) {
  fail((err as Error).message);
}

// Redis: the configured one when it answers, else a private one.
let redisUrl = config.REDIS_URL;
let privateRedis: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
if (await redisAnswers(redisUrl)) {
  say(`• Redis: ${redisUrl}`);
} else {
  try {
    privateRedis = await startPrivateRedis(
      Number(new URL(redisUrl).port || 6379),
      path.join(root, '.data/redis'),
    );
  } catch (err) {
    fail(
      err instanceof RedisMissingError
        ? err.message
        : `could not start Redis: ${(err as Error).message}`,
    );
  }
  redisUrl = privateRedis.url;
  say(
    `• Redis: nothing answered at ${config.REDIS_URL}; started a private redis-server at ${redisUrl} (data in .data/redis)`,
  );
}

// The archive's PostgreSQL: DATABASE_URL when it answers (its database created when missing),
// else a private postgres when the binaries are installed, else PGlite in this process.
let databaseUrl = config.DATABASE_URL;
let privateDatabase: EmbeddedDatabase | undefined;
const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';
const shownUrl = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};
if (await ensureDatabase(databaseUrl)) {
  say(`• Archive: PostgreSQL at ${shownUrl(databaseUrl)}`);
} else {
  const bin = postgresBinaries();
  const port = Number(new URL(databaseUrl).port || 5432);
  if (bin) {
    try {
      privateDatabase = await startPrivatePostgres(bin, path.join(root, '.data/postgres'), port);
      say(
        `• Archive: nothing answered at ${shownUrl(config.DATABASE_URL)}; started a private postgres ` +
          `at ${privateDatabase.url} (data in .data/postgres)`,
      );
    } catch (err) {
      say(`• Archive: a private postgres did not start (${lastLine((err as Error).message)})`);
    }
  }
  if (!privateDatabase) {
    try {
      privateDatabase = await startPglite(path.join(root, '.data/pglite'), port);
    } catch (err) {
      fail(`could not start the embedded PGlite: ${(err as Error).message}`);
    }
    say(
      `• Archive: nothing answered at ${shownUrl(config.DATABASE_URL)}${bin ? '' : ' and postgres is not installed'}; ` +
        `embedded PGlite at ${privateDatabase.url} (data in .data/pglite)`,
    );
  }
  databaseUrl = privateDatabase.url;
}

// Broker accounts and topic permissions: the demo agencies file unless AGENCIES_FILE names another.
const agenciesFile = config.AGENCIES_FILE ? path.resolve(config.AGENCIES_FILE) : DEMO_AGENCIES_FILE;
const demoAccounts = agenciesFile === DEMO_AGENCIES_FILE;
let agencies;
try {
  agencies = loadAgencies(agenciesFile);
} catch (err) {
  fail(err instanceof AgenciesFileError ? err.message : String(err));
}
say(
  `• Accounts: ${path.relative(root, agenciesFile)}` +
    (demoAccounts ? ' (demo passwords "demo-{id}", see README)' : ''),
);
// ingest logs in with its service account: the demo one unless MQTT_USERNAME says otherwise.
const ingestLogin: Record<string, string> =
  demoAccounts && !config.MQTT_USERNAME
    ? { MQTT_USERNAME: DEMO_INGEST_ACCOUNT, MQTT_PASSWORD: demoPassword(DEMO_INGEST_ACCOUNT) }
    : {};

// MQTT: the configured broker, else the embedded one on MQTT_EMBEDDED_PORT, else on 1883 or, when
// 1883 is taken, on the one fixed fallback port: the same port at every start.
let mqttUrl = config.MQTT_URL;
let broker: EmbeddedBroker | undefined;
if (process.env.MQTT_URL) {
  say(`• MQTT broker: ${mqttUrl}`);
} else {
  try {
    broker = await startEmbeddedBrokerOnFixedPort({
      configured: config.MQTT_EMBEDDED_PORT,
      options: {
        auth: {
          agencies,
          topicRoot: config.MQTT_TOPIC_ROOT,
          onRefused: (r) =>
            say(
              `  broker refused ${r.what} by ${r.username ?? 'anonymous'}` +
                `${r.topic ? ` to ${r.topic}` : ''}${r.reason ? ` (${r.reason})` : ''}`,
            ),
        },
      },
    });
  } catch (err) {
    fail(
      err instanceof EmbeddedPortError
        ? err.message
        : `could not start the MQTT broker: ${(err as Error).message}`,
    );
  }
  mqttUrl = `mqtt://127.0.0.1:${broker.port}`;
  say(
    broker.port === EMBEDDED_MQTT_PORT || config.MQTT_EMBEDDED_PORT !== undefined
      ? `• MQTT broker: embedded, ${mqttUrl}`
      : `• MQTT broker: port ${EMBEDDED_MQTT_PORT} is in use (another broker?), so the embedded broker listens on its fixed fallback ${mqttUrl}.\n` +
          `  Publish there, set MQTT_EMBEDDED_PORT to choose its port, or MQTT_URL=mqtt://127.0.0.1:${EMBEDDED_MQTT_PORT} to use the broker already running.`,
  );
}

// Sign-in: the demo's users file unless USERS_FILE is set (`USERS_FILE=` turns sign-in off), and a
// token key from JWT_SECRET, else one kept in .data/jwt-secret so tokens survive a restart.
const demoUsers = process.env.USERS_FILE === undefined;
const usersFile = process.env.USERS_FILE ?? path.join(root, 'demo/users.demo.yaml');
function jwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = path.join(root, '.data/jwt-secret');
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (kept.length >= 32) return kept;
  const secret = randomBytes(32).toString('hex');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
const signIn: Record<string, string> = usersFile
  ? { USERS_FILE: usersFile, JWT_SECRET: jwtSecret() }
  : { USERS_FILE: '' };
say(
  usersFile
    ? `• Sign-in: ${path.relative(root, usersFile)}${demoUsers ? ' (demo passwords, see README)' : ''}`
    : '• Sign-in: off (USERS_FILE is empty): every screen is a read-only viewer',
);

// Travel times: the demo's coarse road network unless ROADS_FILE is set (`ROADS_FILE=`: none,
// straight-line estimates).
const roadsFile = process.env.ROADS_FILE ?? path.join(root, 'demo/roads.demo.geojson');
say(
  roadsFile
    ? `• Road network: ${path.relative(root, roadsFile)}${process.env.ROADS_FILE === undefined ? ' (demo data, coarse)' : ''}`
    : '• Road network: none (ROADS_FILE is empty): ETAs are straight-line estimates',
);

const clientDist = ensureClientBuild();
const env = {
  REDIS_URL: redisUrl,
  MQTT_URL: mqttUrl,
  CLIENT_DIST: clientDist,
  AGENCIES_FILE: agenciesFile,
  ...ingestLogin,
};
const supervisor = supervise(
  [
    {
      name: 'ingest',
      entry: path.join(root, 'ingest/src/main.ts'),
      env,
      nodeArgs: INGEST_NODE_FLAGS,
    },
    {
      name: 'server',
      entry: path.join(root, 'server/src/main.ts'),
      nodeArgs: SERVER_NODE_FLAGS,
      // The demo wall's roster and plan figures unless WALL_FILE names another file.
      env: {
        ...env,
        ...signIn,
        // Replay reads the archive the archiver writes.
        DATABASE_URL: databaseUrl,
        WALL_FILE: process.env.WALL_FILE ?? path.join(root, 'demo/wall.demo.yaml'),
        ROADS_FILE: roadsFile,
      },
    },
    {
      name: 'archiver',
      entry: path.join(root, 'archiver/src/main.ts'),
      env: { ...env, DATABASE_URL: databaseUrl },
    },
  ],
  (name, code) => {
    process.stderr.write(`\n✖ ${name} stopped (exit code ${code}); stopping everything.\n`);
    void shutdown(1);
  },
);

let closeCameras: () => Promise<void> = async () => {};
let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  await supervisor.stop();
  await closeCameras();
  await broker?.close();
  await privateDatabase?.stop().catch(() => {});
  if (privateRedis && privateRedis.child.exitCode === null) {
    const exited = new Promise((r) => privateRedis?.child.once('exit', r));
    privateRedis.child.kill('SIGTERM');
    await exited;
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// Announce once the server is ready.
const url = `http://localhost:${config.PORT}`;
for (let i = 0; i < 120 && !shuttingDown; i++) {
  const ready = await fetch(`http://127.0.0.1:${config.PORT}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) {
    // Agencies come last, once ingest and the server are there to take what they publish.
    if (withSimulator) {
      supervisor.add({ name: 'simulator', entry: path.join(root, 'demo/src/main.ts'), env });
      if (demoAccounts) {
        const cameras = await startDemoCameras({
          dataDir: path.join(root, '.data/cameras'),
          mqttUrl,
          topicRoot: config.MQTT_TOPIC_ROOT,
        });
        say(cameras.message);
        closeCameras = cameras.close;
      }
    }
    const mqttPort = new URL(mqttUrl).port || '1883';
    say(`\n✔ 常州市应急指挥中心 is running: ${url}`);
    if (demoUsers) {
      say(`  Video wall (signs in with its display key):  ${url}/?display=wall-1&key=demo-wall-1`);
      say(`  Commander sign-in:  commander / demo-commander  (admin / demo-admin)`);
      say(`  Duty log and reports up the chain (信息报送):  ${url}/duty`);
    }
    // A client id of the account's own: the embedded broker refuses any other.
    const login = demoAccounts
      ? `-u readme-demo -P ${demoPassword('readme-demo')} -i readme-demo.pub `
      : '';
    say(
      `  Publish a reading by hand:  mosquitto_pub -p ${mqttPort} ${login}-t cc/v1/… (see README)`,
    );
    say(`  ${withSimulator ? 'The demo simulator is publishing. ' : ''}Ctrl-C stops everything.\n`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
