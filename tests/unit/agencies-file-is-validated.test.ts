import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agencyIds,
  AgenciesFileError,
  hashPassword,
  loadAgencies,
  parseAgencies,
  verifyPassword,
} from '@cc/shared/node';
import { DEMO_AGENCIES_FILE, demoPassword } from '../../demo/src/demo-credentials';
import { CHANGZHOU_SCENARIO } from '../../demo/src/scenario/index';

const hash = hashPassword('x', { iterations: 10 });
const account = (over: Record<string, unknown> = {}) => ({
  id: 'ent-a',
  name: '测试单位',
  role: 'agency',
  kinds: ['hazard', 'sensor'],
  password: hash,
  ...over,
});
const service = (id: string, role = 'ingest') => ({ id, name: '服务', role, password: hash });

function refusal(data: unknown): string {
  try {
    parseAgencies(data, 'test.yaml');
  } catch (err) {
    if (err instanceof AgenciesFileError) return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('the agencies file', () => {
  it.each([
    [
      'a plain-text password',
      { accounts: [account({ password: 'secret' })] },
      'accounts.0.password',
    ],
    [
      'a $6$ (pre-2.0) hash',
      { accounts: [account({ password: '$6$abc$def' })] },
      'accounts.0.password',
    ],
    ['an unknown role', { accounts: [account({ role: 'admin' })] }, 'accounts.0.role'],
    [
      'an id that cannot be a topic level',
      { accounts: [account({ id: 'ent/a' })] },
      'accounts.0.id',
    ],
    ['a wildcard id', { accounts: [account({ id: '+' })] }, 'accounts.0.id'],
    ['a name spanning lines', { accounts: [account({ name: 'a\nuser x' })] }, 'accounts.0.name'],
    ['an unknown field', { accounts: [account({ email: 'a@b' })] }, 'accounts.0'],
    ['a duplicate id', { accounts: [account(), service('ent-a')] }, 'accounts.1.id'],
    [
      'an agency without its kinds',
      { accounts: [account({ kinds: undefined })] },
      'accounts.0.kinds',
    ],
    ['an agency with no kind', { accounts: [account({ kinds: [] })] }, 'accounts.0.kinds'],
    [
      'a kind that does not exist',
      { accounts: [account({ kinds: ['gossip'] })] },
      'accounts.0.kinds.0',
    ],
    ['a kind twice', { accounts: [account({ kinds: ['sensor', 'sensor'] })] }, 'accounts.0.kinds'],
    [
      'kinds on a service account',
      { accounts: [{ ...service('ingest-1'), kinds: ['sensor'] }] },
      'accounts.0',
    ],
    ['no accounts', { accounts: [] }, 'accounts'],
  ])('refuses %s, naming the field', (_what, body, field) => {
    expect(refusal({ version: 1, ...body })).toContain(`${field}:`);
  });

  it('reports an unreadable file by its path', () => {
    expect(() => loadAgencies('/nonexistent/agencies.yaml')).toThrow(AgenciesFileError);
    expect(() => loadAgencies('/nonexistent/agencies.yaml')).toThrow(
      /\/nonexistent\/agencies.yaml/,
    );
  });

  it('reads YAML and keeps service accounts out of the agency list', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cc-agencies-unit-'));
    const file = path.join(dir, 'a.yaml');
    writeFileSync(
      file,
      `version: 1\naccounts:\n  - { id: ingest-1, name: 接入, role: ingest, password: "${hash}" }\n` +
        `  - { id: monitor, name: 监控, role: monitor, password: "${hash}" }\n` +
        `  - { id: ent-a, name: 甲, role: agency, kinds: [hazard], password: "${hash}" }\n`,
    );
    try {
      expect([...agencyIds(loadAgencies(file))]).toEqual(['ent-a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('of the production template loads', () => {
    const file = loadAgencies('deploy/agencies.yaml');
    expect(file.accounts.some((a) => a.role === 'ingest')).toBe(true);
  });
});

describe('the demo agencies file (demo only)', () => {
  const file = loadAgencies(DEMO_AGENCIES_FILE);

  it('registers every enterprise of the scenario, readme-demo, two ingest workers and a monitor', () => {
    const ids = agencyIds(file);
    for (const site of CHANGZHOU_SCENARIO) expect(ids).toContain(site.agency);
    expect(ids).toContain('readme-demo');
    for (const id of ['ingest-1', 'ingest-2'])
      expect(file.accounts.find((a) => a.id === id)?.role).toBe('ingest');
    expect(file.accounts.find((a) => a.id === 'monitor')?.role).toBe('monitor');
  });

  it('lets the enterprises publish hazards, readings and self-checks (hidden hazards) only', () => {
    for (const site of CHANGZHOU_SCENARIO) {
      const a = file.accounts.find((x) => x.id === site.agency);
      expect(a?.role === 'agency' && a.kinds, site.agency).toEqual([
        'hazard',
        'sensor',
        'hiddenhazard',
      ]);
    }
  });

  it('holds the hashes of the documented demo passwords', async () => {
    for (const a of file.accounts) {
      expect(await verifyPassword(a.password, demoPassword(a.id)), a.id).toBe(true);
    }
  });
});
