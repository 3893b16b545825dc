import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '@cc/shared/node';
import { startIngest, type RunningIngest } from '../../ingest/src/ingest';
import { startServer, type RunningServer } from '../../server/src/server';
import type { Isolation } from './isolation';
import { REDIS_URL } from './redis';

/** Accounts for tests (tests/fixtures/users.test.yaml): password `pw-{id}`, display key `key-{id}`. */
export const TEST_USERS_FILE = path.resolve('tests/fixtures/users.test.yaml');

export type TestRole =
  | 'viewer'
  | 'commander'
  | 'admin'
  | 'agency-a'
  | 'agency-b'
  | 'supervisor'
  | 'reporter-a'
  | 'reporter-b';
const TEST_USER: Record<TestRole, string> = {
  viewer: 'viewer-1',
  commander: 'commander-1',
  admin: 'admin-1',
  'agency-a': 'agency-a',
  'agency-b': 'agency-b',
  supervisor: 'supervisor-1',
  'reporter-a': 'reporter-a',
  'reporter-b': 'reporter-b',
};

/** Signs in as a test account and returns its token. */
export async function tokenFor(server: { url: string }, role: TestRole): Promise<string> {
  const username = TEST_USER[role];
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `pw-${username}` }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** GET an API path as a role (a commander unless said otherwise). */
export async function api(
  server: { url: string },
  path: string,
  role: TestRole = 'commander',
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${await tokenFor(server, role)}` },
  });
}

export const quietLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The configuration one isolated test runs with. */
export function testConfig(iso: Isolation, mqttUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({
    REDIS_URL,
    REDIS_PREFIX: iso.prefix,
    MQTT_URL: mqttUrl,
    MQTT_TOPIC_ROOT: iso.topicRoot,
    INGEST_CLIENT_ID: iso.clientId('ingest'),
    // Tests run many workers and servers side by side: every port is a free one.
    INGEST_METRICS_PORT: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    USERS_FILE: TEST_USERS_FILE,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    // Fixture sensors mostly never report: tests that are not about silence would see offline
    // alarms appear mid-test. The liveness tests turn them on.
    OFFLINE_ALARMS: 'off',
    // Cameras of the docs' examples point at addresses that do not exist; the probe's own tests
    // (and the browser tests with real video) turn it on.
    CAMERA_PROBE: 'off',
    // The risk assessor writes hazards and areas by itself, whenever it regrades them: tests that
    // count events would see them come and go. The risk tests turn it on.
    RISK_ASSESSMENT: 'off',
    // The docs' examples, published by many tests, carry fixed dates that age with the clock;
    // the past bounds' own test (`too-old-observations-are-refused`) sets the defaults.
    MAX_PAST_TELEMETRY_S: String(3_650 * 86_400),
    MAX_PAST_EVENT_S: String(3_650 * 86_400),
    ...extra,
  });
}

export async function startTestIngest(
  iso: Isolation,
  mqttUrl: string,
  extra?: Record<string, string>,
): Promise<RunningIngest> {
  const ingest = await startIngest(testConfig(iso, mqttUrl, extra), quietLog);
  await ingest.subscriber.ready;
  return ingest;
}

export function startTestServer(
  iso: Isolation,
  extra?: Record<string, string>,
): Promise<RunningServer> {
  return startServer(testConfig(iso, 'mqtt://127.0.0.1:1', extra), quietLog);
}
