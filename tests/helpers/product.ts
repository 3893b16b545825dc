import { pino } from 'pino';
import { loadConfig } from '@cc/shared/node';
import { startIngest, type RunningIngest } from '../../ingest/src/ingest';
import { startServer, type RunningServer } from '../../server/src/server';
import type { Isolation } from './isolation';
import { REDIS_URL } from './redis';

export const quietLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The configuration one isolated test runs with. */
export function testConfig(iso: Isolation, mqttUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({
    REDIS_URL,
    REDIS_PREFIX: iso.prefix,
    MQTT_URL: mqttUrl,
    MQTT_TOPIC_ROOT: iso.topicRoot,
    INGEST_CLIENT_ID: iso.clientId('ingest'),
    PORT: '0',
    HOST: '127.0.0.1',
    // Fixture sensors mostly never report: tests that are not about silence would see offline
    // alarms appear mid-test. The liveness tests turn them on.
    OFFLINE_ALARMS: 'off',
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
