import { describe, expect, it } from 'vitest';
import type { UsersFile } from '@cc/shared/node';
import { accountsOf, currentIdentity } from '../../server/src/auth/accounts';
import { backoffSeconds } from '../../server/src/auth/sign-in-limits';

describe('the wait after a failed sign-in', () => {
  it('is none while free attempts remain, then 1 s doubling with each failure, up to the cap', () => {
    const waits = Array.from({ length: 16 }, (_, i) => backoffSeconds(i + 1, 5, 900));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    expect(backoffSeconds(10_000, 5, 900)).toBe(900);
  });
});

const HASH_A =
  '$7$1000$cLVTeUyeltaFo9RN$Xjb0UlnQ2Zv5Zt7kmWZX+ZxH1r3GdDLDMj+G05dJaSQTMppcS8Hh7nFGInxk8ePpxCoRQuRNSiETQh0V+6Xilw==';
const HASH_B =
  '$7$1000$FdN0KkeGqG2IvYo9$3JGPNw8kcDIwo4KWSa2NXA1xBgV66WJMLaWJhjGQx3z/BLQMXXsJ7lAJyhOJ1Yz/4xGLbesgydLfga0aMPMpiA==';

function file(role: 'commander' | 'viewer', password = HASH_A, name = '指挥员'): UsersFile {
  return {
    version: 1,
    users: [{ id: 'cmd-1', name, role, password }],
    displays: [{ id: 'wall-1', name: '大屏', key: HASH_B }],
  };
}

describe("a token's account, checked against the users file as it is now", () => {
  const before = accountsOf(file('commander'));
  const issued = before.get('cmd-1')!;
  const claims = { identity: issued.identity, version: issued.version };

  it('holds while the account is unchanged, and takes a new display name', () => {
    expect(currentIdentity(claims, before)).toEqual(issued.identity);
    const renamed = accountsOf(file('commander', HASH_A, '总指挥'));
    expect(currentIdentity(claims, renamed)?.name).toBe('总指挥');
  });

  it('no longer holds once the account is removed, demoted or its password changed', () => {
    expect(currentIdentity(claims, accountsOf({ ...file('commander'), users: [] }))).toBe(
      undefined,
    );
    expect(currentIdentity(claims, accountsOf(file('viewer')))).toBe(undefined);
    expect(currentIdentity(claims, accountsOf(file('commander', HASH_B)))).toBe(undefined);
  });

  it('judges a token issued before versions on its role alone', () => {
    expect(currentIdentity({ identity: issued.identity }, before)).toEqual(issued.identity);
    expect(currentIdentity({ identity: issued.identity }, accountsOf(file('viewer')))).toBe(
      undefined,
    );
  });
});
