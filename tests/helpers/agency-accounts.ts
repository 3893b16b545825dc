import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { hashPassword, parseAgencies, type AgenciesFile } from '@cc/shared/node';

/** Two agencies and the ingest service account, with passwords the test knows. */
export const TEST_AGENCIES = ['ent-a', 'ent-b'] as const;
export const TEST_INGEST = 'ingest';
export const testPassword = (id: string) => `pw-${id}-secret`;

/** Writes an agencies file of the test's own; returns its path, its content and ingest's login. */
export function writeTestAgencies() {
  const file: AgenciesFile = parseAgencies({
    version: 1,
    accounts: [
      { id: TEST_INGEST, name: '测试接入服务', role: 'ingest' },
      ...TEST_AGENCIES.map((id) => ({ id, name: `测试单位 ${id}`, role: 'agency' })),
    ].map((a) => ({ ...a, password: hashPassword(testPassword(a.id)) })),
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-agencies-'));
  const filePath = path.join(dir, 'agencies.yaml');
  writeFileSync(filePath, stringify(file));
  return {
    path: filePath,
    file,
    /** ingest's settings for this file: only its agencies, logged in as its service account. */
    ingestEnv: {
      AGENCIES_FILE: filePath,
      MQTT_USERNAME: TEST_INGEST,
      MQTT_PASSWORD: testPassword(TEST_INGEST),
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
export type TestAgencies = ReturnType<typeof writeTestAgencies>;
