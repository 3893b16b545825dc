import type { Identity } from '@cc/shared';
import { verifyPassword, type UsersFile } from '@cc/shared/node';
import { accountsOf, currentIdentity, type Account, type TokenClaims } from './accounts';
import type { Lockout, SignInLimits } from './sign-in-limits';
import type { Tokens } from './tokens';

export interface AuthOptions {
  /** Who may sign in; undefined = nobody signs in and everyone is an anonymous viewer. */
  users: UsersFile | undefined;
  tokens: Tokens;
  tokenTtlS: number;
  displayTokenTtlS: number;
  /** Limits on failed sign-ins; absent = none. */
  limits?: SignInLimits | undefined;
  /** Told about each back-off a failed sign-in starts (the server audits and logs it). */
  onLockout?: ((lockout: Lockout) => void) | undefined;
}

/** Without a users file the product is a read-only display for anyone who can reach it. */
const ANONYMOUS_VIEWER: Identity = { sub: 'anonymous', role: 'viewer', anonymous: true };

export type Credentials = { username: string; password: string } | { display: string; key: string };

/** Who a token stands for now, or why it does not count (none or invalid; or its account changed). */
export type Identified =
  | { ok: true; identity: Identity; claims?: TokenClaims }
  | { ok: false; code: 'auth.required' | 'auth.revoked' };

export type SignInResult =
  | { ok: true; identity: Identity; token: string; expiresAt: number }
  | { ok: false; code: 'auth.invalid_credentials' }
  | { ok: false; code: 'auth.too_many_attempts'; retryAfterS: number };

/**
 * Sign-in and token checks, for REST and Socket.IO alike. Every check looks the token's account
 * up in the users file as last loaded (a map in memory): a removed account's token stops working,
 * and so does one issued before its role, agency or secret changed.
 */
export function createAuthenticator(options: AuthOptions) {
  const { tokens, limits } = options;
  const required = options.users !== undefined;
  let accounts: ReadonlyMap<string, Account> = options.users
    ? accountsOf(options.users)
    : new Map();

  /** The account behind valid credentials, else undefined (unknown and wrong look the same). */
  async function accountFor(credentials: Credentials): Promise<Account | undefined> {
    const [id, secret] =
      'username' in credentials
        ? [credentials.username, credentials.password]
        : [credentials.display, credentials.key];
    const account = accounts.get(id);
    // A display key does not sign in as a person, nor a password as a display.
    const kind = 'username' in credentials ? 'user' : 'display';
    if (!account || account.kind !== kind) return undefined;
    return (await verifyPassword(account.secret, secret)) ? account : undefined;
  }

  /** A verified token's claims against the accounts as they are now. */
  function recheck(claims: TokenClaims): Identified {
    const identity = currentIdentity(claims, accounts);
    return identity ? { ok: true, identity, claims } : { ok: false, code: 'auth.revoked' };
  }

  return {
    required,
    /** The identity behind a bearer token now (the anonymous viewer when sign-in is off). */
    async identify(token: string | undefined): Promise<Identified> {
      if (!required) return { ok: true, identity: ANONYMOUS_VIEWER };
      const claims = token ? await tokens.verify(token) : undefined;
      if (!claims) return { ok: false, code: 'auth.required' };
      return recheck(claims);
    },
    recheck,
    /** The towns and districts disaster information officers report for (零报告 expected daily). */
    reporterAreas(): { code: string; name: string }[] {
      return [...accounts.values()].flatMap((a) => (a.identity.area ? [a.identity.area] : []));
    },
    /** Takes a re-read users file: from now on, tokens and sign-ins are checked against it. */
    replaceUsers(users: UsersFile): void {
      accounts = accountsOf(users);
    },
    /**
     * A token for valid credentials. `address` is the client's: failed attempts are limited per
     * account and per address, with a growing wait (`auth.too_many_attempts`).
     */
    async signIn(credentials: Credentials, address: string): Promise<SignInResult> {
      const name = 'username' in credentials ? credentials.username : credentials.display;
      const admission = limits ? await limits.admit(name, address) : { ok: true as const };
      if (!admission.ok) {
        return {
          ok: false,
          code: 'auth.too_many_attempts',
          retryAfterS: admission.retryAfterS,
        };
      }
      const account = await accountFor(credentials);
      if (!account) {
        for (const lockout of (await limits?.failed(name, address)) ?? []) {
          options.onLockout?.(lockout);
        }
        return { ok: false, code: 'auth.invalid_credentials' };
      }
      await limits?.succeeded(name, address);
      const ttlS = account.kind === 'display' ? options.displayTokenTtlS : options.tokenTtlS;
      const signed = await tokens.sign(account.identity, ttlS, account.version);
      return { ok: true, identity: account.identity, ...signed };
    },
  };
}
export type Authenticator = ReturnType<typeof createAuthenticator>;
