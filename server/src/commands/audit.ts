import type { Command, Identity, Role } from '@cc/shared';

/** One entry of the `audit` stream: who did what, when. */
export interface AuditEntry {
  /** Epoch ms the server accepted the command. */
  at: number;
  who: { sub: string; role: Role; name?: string };
  what: Command;
}

/** The audit record of an accepted command. Pure. */
export function auditEntry(identity: Identity, command: Command, at: number): AuditEntry {
  const who =
    identity.name === undefined
      ? { sub: identity.sub, role: identity.role }
      : { sub: identity.sub, role: identity.role, name: identity.name };
  return { at, who, what: command };
}
