import { createHash } from 'node:crypto';
import type { Identity } from '@cc/shared';
import type { Display, User, UsersFile } from '@cc/shared/node';

/** One account of the users file as sign-in and the token checks see it. */
export interface Account {
  /** The identity a token of this account stands for now (role, agency, name from the file). */
  identity: Identity;
  /** The stored secret's hash (`$7$…`), checked at sign-in. */
  secret: string;
  /** Token lifetime class: a display's token lasts longer than a person's. */
  kind: 'user' | 'display';
  /**
   * Changes when the role, the agency or the secret changes: a token carries the version it was
   * issued for, and one issued for another version is no longer accepted.
   */
  version: string;
}

/** What a verified token claims: who, and the account version it was issued for. */
export interface TokenClaims {
  identity: Identity;
  /** Absent in tokens issued before versions existed: they are judged on role and agency. */
  version?: string;
}

function versionOf(
  role: string,
  agency: string | undefined,
  secret: string,
  area?: { code: string },
): string {
  // A reporter's area is part of its version: moving an officer to another town revokes tokens.
  return createHash('sha256')
    .update(`${role}\n${agency ?? ''}\n${secret}${area ? `\n${area.code}` : ''}`)
    .digest('base64url')
    .slice(0, 16);
}

function userAccount(u: User): Account {
  const identity: Identity = {
    sub: u.id,
    role: u.role,
    name: u.name,
    ...(u.agency === undefined ? {} : { agency: u.agency }),
    ...(u.area === undefined ? {} : { area: u.area }),
  };
  return {
    identity,
    secret: u.password,
    kind: 'user',
    version: versionOf(u.role, u.agency, u.password, u.area),
  };
}

function displayAccount(d: Display): Account {
  return {
    identity: { sub: d.id, role: 'viewer', name: d.name },
    secret: d.key,
    kind: 'display',
    version: versionOf('viewer', undefined, d.key),
  };
}

/** Every account of a users file by id. Pure. */
export function accountsOf(file: UsersFile): ReadonlyMap<string, Account> {
  return new Map([
    ...file.users.map((u) => [u.id, userAccount(u)] as const),
    ...file.displays.map((d) => [d.id, displayAccount(d)] as const),
  ]);
}

/**
 * The identity a token's claims stand for under the current accounts, or undefined when the
 * token no longer holds: its account was removed, or its role, agency or secret changed since
 * it was issued (the holder signs in again and gets a token for what the account is now). Pure.
 */
export function currentIdentity(
  claims: TokenClaims,
  accounts: ReadonlyMap<string, Account>,
): Identity | undefined {
  const account = accounts.get(claims.identity.sub);
  if (!account) return undefined;
  const same =
    claims.version === undefined
      ? account.identity.role === claims.identity.role &&
        account.identity.agency === claims.identity.agency
      : account.version === claims.version;
  return same ? account.identity : undefined;
}
