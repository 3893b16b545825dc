import type { Command, Identity, Role } from '@cc/shared';
import type { Lockout } from '../auth/sign-in-limits';

/** One entry of the `audit` stream for an accepted command: who did what, when. */
export interface CommandAuditEntry {
  /** Epoch ms the server accepted the command. */
  at: number;
  who: { sub: string; role: Role; name?: string };
  what: Command;
}

/** One entry of the `audit` stream for a sign-in back-off: which account, from where. */
export interface LockoutAuditEntry {
  /** Epoch ms of the failed attempt that started it. */
  at: number;
  who: { address: string };
  what: Omit<Lockout, 'address'> & { type: 'auth.lockout' };
}

export type AuditEntry = CommandAuditEntry | LockoutAuditEntry;

/** The audit record of an accepted command. Pure. */
export function auditEntry(identity: Identity, command: Command, at: number): CommandAuditEntry {
  const who =
    identity.name === undefined
      ? { sub: identity.sub, role: identity.role }
      : { sub: identity.sub, role: identity.role, name: identity.name };
  return { at, who, what: command };
}

/** The audit record of a sign-in back-off. Pure. */
export function lockoutAuditEntry(lockout: Lockout, at: number): LockoutAuditEntry {
  const { address, ...rest } = lockout;
  return { at, who: { address }, what: { type: 'auth.lockout', ...rest } };
}
