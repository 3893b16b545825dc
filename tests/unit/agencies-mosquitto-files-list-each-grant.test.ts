import { describe, expect, it } from 'vitest';
import { grantsFor, hashPassword, parseAgencies } from '@cc/shared/node';
import { renderAclFile, renderPasswordFile } from '../../scripts/mosquitto-config/files';

const file = parseAgencies({
  version: 1,
  accounts: [
    {
      id: 'ingest',
      name: '接入服务',
      role: 'ingest',
      password: hashPassword('i', { iterations: 10 }),
    },
    {
      id: 'ent-a',
      name: '甲单位',
      role: 'agency',
      password: hashPassword('a', { iterations: 10 }),
    },
  ],
});

describe('the generated Mosquitto files', () => {
  it('list one user:hash line per account', () => {
    const lines = renderPasswordFile(file).trimEnd().split('\n');
    expect(lines).toEqual(file.accounts.map((a) => `${a.id}:${a.password}`));
  });

  it('give each user exactly the grants the embedded broker enforces', () => {
    const acl = renderAclFile(file, 'x/v1', 'test.yaml');
    // Nothing before the first user block: anonymous clients get no grant.
    const body = acl.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(body[0]).toBe('user ingest');
    const blocks = acl.split(/^user /m).slice(1);
    for (const [i, account] of file.accounts.entries()) {
      const lines = (blocks[i] ?? '').split('\n').filter((l) => l.startsWith('topic '));
      const g = grantsFor(account, 'x/v1');
      expect(lines).toEqual([
        ...g.write.map((t) => `topic write ${t}`),
        ...g.read.map((t) => `topic read ${t}`),
      ]);
    }
    expect(acl).toContain('topic write x/v1/ent-a/sensor/+');
    expect(acl).toContain('topic read x/v1/ent-a/rejects');
    expect(acl).not.toMatch(/^pattern /m);
  });
});
