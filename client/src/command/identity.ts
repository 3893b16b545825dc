import { ROLES, type Identity, type Role } from '@cc/shared';
import { loadSession, tokenExpiresAt, type TokenStorage } from '../auth/session';

/**
 * Who the stored token says the tablet is (sub, role, name), read from the JWT's payload without
 * checking its signature: it only decides which controls to show. The server checks every
 * command itself, so a forged payload gains nothing but buttons that are refused.
 */
export function identityFromToken(token: string): Identity | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    // The payload is UTF-8 (display names are Chinese); atob gives one char per byte.
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const role = json.role as Role;
    if (typeof json.sub !== 'string' || !ROLES.includes(role)) return undefined;
    return {
      sub: json.sub,
      role,
      ...(typeof json.name === 'string' ? { name: json.name } : {}),
      ...(typeof json.agency === 'string' ? { agency: json.agency } : {}),
    };
  } catch {
    // Not a JWT we can read: treated as no identity (no command controls).
    return undefined;
  }
}

export interface TabletSession {
  identity: Identity;
  /** Epoch ms the token stops being accepted: the end of the shift. */
  expiresAt: number | undefined;
}

/** The person signed in on this tablet, from the stored token, if it is still valid. */
export function currentSession(storage: TokenStorage, now: number): TabletSession | undefined {
  const stored = loadSession(storage, now);
  if (!stored || stored.kind !== 'user') return undefined;
  const identity = identityFromToken(stored.token);
  if (!identity) return undefined;
  return { identity, expiresAt: tokenExpiresAt(stored.token) };
}
