import type { Keys, Logger, Redis } from '@cc/shared/node';
import { lockoutAuditEntry } from '../commands/audit';
import type { Lockout } from './sign-in-limits';

/** Writes each sign-in back-off to the `audit` stream and the log; never throws. */
export function createLockoutRecorder(options: {
  redis: Redis;
  keys: Keys;
  log: Logger;
  /** Trimming bound of the audit stream (approximate), as the command service uses. */
  maxlen?: number;
  now?: () => number;
}) {
  const { redis, keys, log } = options;
  const now = options.now ?? Date.now;
  return (lockout: Lockout): void => {
    log.warn(lockout, 'sign-in back-off: too many failed attempts');
    const entry = lockoutAuditEntry(lockout, now());
    redis
      .xAdd(
        keys.audit,
        '*',
        { e: JSON.stringify(entry) },
        {
          TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: options.maxlen ?? 100_000 },
        },
      )
      .catch((err: unknown) =>
        log.error({ err: (err as Error).message, lockout }, 'sign-in back-off not audited'),
      );
  };
}
