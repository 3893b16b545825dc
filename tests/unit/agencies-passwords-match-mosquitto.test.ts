import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from '@cc/shared/node';

// Written by `mosquitto_passwd -c -b pw alice secret` (Mosquitto 2.0.11).
const FROM_MOSQUITTO_PASSWD =
  '$7$101$/xV7lfVMPdvQ7Hu6$qjGaFG4YCpRqmuv456vcYc+MFbkN855mhMgs0jCI9/Fz0o26+JUUQSFMTdw2lCD5BvRe+Rmy8gjlkoESDCyXHA==';

describe('password hashes', () => {
  it('verify a hash mosquitto_passwd wrote', async () => {
    expect(await verifyPassword(FROM_MOSQUITTO_PASSWD, 'secret')).toBe(true);
    expect(await verifyPassword(FROM_MOSQUITTO_PASSWD, 'Secret')).toBe(false);
  });

  it('are salted PBKDF2-SHA512 in the $7$ format, different each time', async () => {
    const a = hashPassword('pw');
    const b = hashPassword('pw');
    expect(a).toMatch(/^\$7\$1000\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'pw')).toBe(true);
    expect(await verifyPassword(b, Buffer.from('pw'))).toBe(true);
  });

  it('reproduce mosquitto_passwd’s hash from the same salt and iterations', () => {
    const [, , iterations, salt] = FROM_MOSQUITTO_PASSWD.split('$');
    expect(
      hashPassword('secret', {
        iterations: Number(iterations),
        salt: Buffer.from(salt ?? '', 'base64'),
      }),
    ).toBe(FROM_MOSQUITTO_PASSWD);
  });

  it('refuse malformed hashes instead of throwing', async () => {
    for (const bad of ['secret', '$7$101$abc', '$7$x$YQ==$YQ==', '$7$101$YQ==$YQ==']) {
      expect(isPasswordHash(bad), bad).toBe(false);
      expect(await verifyPassword(bad, 'secret')).toBe(false);
    }
  });
});
