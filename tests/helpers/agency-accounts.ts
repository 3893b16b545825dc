import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { FEED_KINDS, type FeedKind } from '@cc/shared';
import { hashPassword, parseAgencies, type AgenciesFile } from '@cc/shared/node';

/** Two agencies that may publish every kind, and the ingest service account. */
export const TEST_AGENCIES = ['ent-a', 'ent-b'] as const;
export const TEST_INGEST = 'ingest';
export const testPassword = (id: string) => `pw-${id}-secret`;

/** Accounts a test adds to the two agencies and ingest. */
export type ExtraAccount =
  | { id: string; role: 'agency'; kinds: readonly FeedKind[] }
  | { id: string; role: 'ingest' | 'monitor' };

/** Writes an agencies file of the test's own; returns its path, its content and ingest's login. */
export function writeTestAgencies(extra: readonly ExtraAccount[] = []) {
  const file: AgenciesFile = parseAgencies({
    version: 1,
    accounts: [
      { id: TEST_INGEST, name: '测试接入服务', role: 'ingest' },
      ...TEST_AGENCIES.map((id) => ({
        id,
        name: `测试单位 ${id}`,
        role: 'agency',
        kinds: [...FEED_KINDS],
      })),
      ...extra.map((a) => ({ name: `测试账号 ${a.id}`, ...a })),
    ].map((a) => ({ ...a, password: hashPassword(testPassword(a.id), { iterations: 10 }) })),
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-agencies-'));
  const filePath = path.join(dir, 'agencies.yaml');
  writeFileSync(filePath, stringify(file));
  return {
    path: filePath,
    file,
    /**
     * ingest's settings for this file: only its agencies, logged in as its service account with
     * the account's client id (each test's broker is its own).
     */
    ingestEnv: {
      AGENCIES_FILE: filePath,
      MQTT_USERNAME: TEST_INGEST,
      MQTT_PASSWORD: testPassword(TEST_INGEST),
      INGEST_CLIENT_ID: TEST_INGEST,
    },
    /** The same for another ingest account of `extra`. */
    ingestEnvOf: (id: string) => ({
      AGENCIES_FILE: filePath,
      MQTT_USERNAME: id,
      MQTT_PASSWORD: testPassword(id),
      INGEST_CLIENT_ID: id,
    }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
export type TestAgencies = ReturnType<typeof writeTestAgencies>;
