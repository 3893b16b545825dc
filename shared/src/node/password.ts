import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Mosquitto's password hash (`mosquitto_passwd -H sha512-pbkdf2`, the default since 2.0):
 * `$7$<iterations>$<base64 salt>$<base64 PBKDF2-SHA512 of the password>`. The same string is
 * accepted by Mosquitto's password file and by the embedded broker.
 */
export const PASSWORD_HASH_PATTERN =
  /^\$7\$(\d{1,7})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** Mosquitto uses 101 iterations; more costs each connect a little more broker CPU. */
export const DEFAULT_ITERATIONS = 1_000;
const SALT_BYTES = 12;
const KEY_BYTES = 64;

export interface ParsedHash {
  iterations: number;
  salt: Buffer;
  key: Buffer;
}

/** The parts of a `$7$` hash (Mosquitto's dynamic-security file stores them apart). */
export function parseHash(hash: string): ParsedHash | undefined {
  const m = PASSWORD_HASH_PATTERN.exec(hash);
  if (!m) return undefined;
  const iterations = Number(m[1]);
  const salt = Buffer.from(m[2] ?? '', 'base64');
  const key = Buffer.from(m[3] ?? '', 'base64');
  if (iterations < 1 || salt.length === 0 || key.length !== KEY_BYTES) return undefined;
  return { iterations, salt, key };
}

/** True when `hash` is a well-formed `$7$` hash (64-byte key, non-empty salt). */
export function isPasswordHash(hash: string): boolean {
  return parseHash(hash) !== undefined;
}

/** Hashes a password the way `mosquitto_passwd` does (a fresh random salt unless given). */
export function hashPassword(
  password: string,
  options: { iterations?: number; salt?: Buffer } = {},
): string {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const key = pbkdf2Sync(password, salt, iterations, KEY_BYTES, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a `$7$` hash in constant time; false for a malformed hash. */
export async function verifyPassword(hash: string, password: string | Buffer): Promise<boolean> {
  const parsed = parseHash(hash);
  if (!parsed) return false;
  const key = await pbkdf2Async(password, parsed.salt, parsed.iterations, KEY_BYTES, 'sha512');
  return timingSafeEqual(key, parsed.key);
}
