import {
  RateLimiterMemory,
  RateLimiterRedis,
  type IRateLimiterRedisOptions,
} from 'rate-limiter-flexible';
import type { Keys, Redis } from '@cc/shared/node';

/**
 * Where failed sign-ins are counted: the account from everywhere, the account from one address,
 * and one address whatever account it tries.
 */
export type LimitScope = 'account' | 'account@address' | 'address';

export interface SignInLimitOptions {
  redis: Redis;
  keys: Keys;
  /** Failed attempts an account may have (in all, and from one address) before back-off starts. */
  accountFreeAttempts: number;
  /** Failed attempts one address may have, whatever accounts it tries, before back-off starts. */
  addressFreeAttempts: number;
  /** The longest wait after a failure, seconds. */
  maxBackoffS: number;
}

/** How long failures are remembered (an account's until it signs in), and trust lasts, seconds. */
const FAILURES_KEPT_S = 24 * 3600;
const TRUST_KEPT_S = 30 * 24 * 3600;

/**
 * Seconds to wait after the `failures`-th failure: none while there are free attempts left, then
 * 1 s, doubling with each further failure, up to `maxS`. Pure.
 */
export function backoffSeconds(failures: number, free: number, maxS: number): number {
  if (failures <= free) return 0;
  return Math.min(maxS, 2 ** Math.min(30, failures - free - 1));
}

/** A back-off that a failure has just started, for the audit log. */
export interface Lockout {
  scope: LimitScope;
  account: string;
  address: string;
  failures: number;
  retryAfterS: number;
}

/** Whether an attempt may be judged now, or must wait (and how long, and which limit says so). */
export type Admission = { ok: true } | { ok: false; retryAfterS: number; scope: LimitScope };

/**
 * Per-account and per-address limits on failed sign-ins with exponential back-off, kept in Redis
 * (rate-limiter-flexible) so every server instance sees the same counts. An address that has
 * signed in to an account before is judged, for that account, on its own failures only: nobody
 * hammering the account (or from the same address at other accounts) locks it out. Were Redis
 * unreachable, each instance limits on its own (the library's in-memory insurance).
 */
export function createSignInLimits(options: SignInLimitOptions) {
  const { redis, keys, maxBackoffS } = options;
  const limiter = (name: string, durationS: number) => {
    // Counts, not a quota: `points` is only a ceiling the counts never reach.
    const counts = { keyPrefix: keys.signInLimit(name), points: 1_000_000, duration: durationS };
    const opts: IRateLimiterRedisOptions = {
      ...counts,
      storeClient: redis,
      useRedisPackage: true,
      // Unreachable Redis: answer from memory at once rather than queue for a reconnect.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(counts),
    };
    return new RateLimiterRedis(opts);
  };
  const scopes: Record<
    LimitScope,
    { free: number; failures: RateLimiterRedis; blocks: RateLimiterRedis }
  > = {
    account: {
      free: options.accountFreeAttempts,
      failures: limiter('failures:account', FAILURES_KEPT_S),
      blocks: limiter('blocks:account', maxBackoffS),
    },
    'account@address': {
      free: options.accountFreeAttempts,
      failures: limiter('failures:pair', FAILURES_KEPT_S),
      blocks: limiter('blocks:pair', maxBackoffS),
    },
    address: {
      free: options.addressFreeAttempts,
      failures: limiter('failures:address', FAILURES_KEPT_S),
      blocks: limiter('blocks:address', maxBackoffS),
    },
  };
  const trusted = limiter('trusted', TRUST_KEPT_S);

  const keyOf = (scope: LimitScope, account: string, address: string) =>
    scope === 'account'
      ? encodeURIComponent(account)
      : scope === 'address'
        ? address
        : `${encodeURIComponent(account)}@${address}`;

  /** The limits that apply to this attempt: a trusted address answers only for itself. */
  async function scopesFor(account: string, address: string): Promise<LimitScope[]> {
    const trust = await trusted.get(keyOf('account@address', account, address));
    return trust ? ['account@address'] : ['account@address', 'account', 'address'];
  }

  return {
    /** Whether an attempt on `account` from `address` may be checked now. */
    async admit(account: string, address: string): Promise<Admission> {
      let worst: Admission = { ok: true };
      for (const scope of await scopesFor(account, address)) {
        const block = await scopes[scope].blocks.get(keyOf(scope, account, address));
        if (!block || block.msBeforeNext <= 0) continue;
        const retryAfterS = Math.ceil(block.msBeforeNext / 1000);
        if (worst.ok || retryAfterS > worst.retryAfterS) worst = { ok: false, retryAfterS, scope };
      }
      return worst;
    },
    /** Counts a failed attempt; returns the back-offs it starts. */
    async failed(account: string, address: string): Promise<Lockout[]> {
      const lockouts: Lockout[] = [];
      const applying = new Set(await scopesFor(account, address));
      for (const scope of ['account@address', 'account', 'address'] as const) {
        const key = keyOf(scope, account, address);
        const { consumedPoints: failures } = await scopes[scope].failures.penalty(key, 1);
        const retryAfterS = backoffSeconds(failures, scopes[scope].free, maxBackoffS);
        // Counted everywhere (the account's total stays true), enforced where it applies.
        if (retryAfterS === 0 || !applying.has(scope)) continue;
        await scopes[scope].blocks.set(key, 1, retryAfterS);
        lockouts.push({ scope, account, address, failures, retryAfterS });
      }
      return lockouts;
    },
    /**
     * A successful sign-in: the account's failures are forgiven and the address trusted for it.
     * The address's own count stays: one good account must not reset guesses at the others.
     */
    async succeeded(account: string, address: string): Promise<void> {
      for (const scope of ['account@address', 'account'] as const) {
        const key = keyOf(scope, account, address);
        await scopes[scope].failures.delete(key);
        await scopes[scope].blocks.delete(key);
      }
      await trusted.set(keyOf('account@address', account, address), 1, TRUST_KEPT_S);
    },
  };
}
export type SignInLimits = ReturnType<typeof createSignInLimits>;
