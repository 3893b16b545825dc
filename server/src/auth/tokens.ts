import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Identity, type Role } from '@cc/shared';
import type { TokenClaims } from './accounts';

const ISSUER = 'cc-server';

/** Signs and verifies the server's tokens (HS256 JWTs carrying an Identity). */
export function createTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    /** A token for the identity, carrying the account version it is issued for. */
    async sign(
      identity: Identity,
      ttlS: number,
      version?: string,
    ): Promise<{ token: string; expiresAt: number }> {
      const expiresAt = Date.now() + ttlS * 1000;
      const token = await new SignJWT({
        role: identity.role,
        ...(version === undefined ? {} : { ver: version }),
        ...(identity.agency === undefined ? {} : { agency: identity.agency }),
        ...(identity.name === undefined ? {} : { name: identity.name }),
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(identity.sub)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    /** The claims of a valid token; undefined for anything else (expired, forged, malformed). */
    async verify(token: string): Promise<TokenClaims | undefined> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        const role = payload.role as Role;
        if (typeof payload.sub !== 'string' || !ROLES.includes(role)) return undefined;
        const identity: Identity = {
          sub: payload.sub,
          role,
          ...(typeof payload.agency === 'string' ? { agency: payload.agency } : {}),
          ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
        };
        return typeof payload.ver === 'string' ? { identity, version: payload.ver } : { identity };
      } catch {
        // Invalid is invalid, whatever the reason; the caller answers 401.
        return undefined;
      }
    },
  };
}
export type Tokens = ReturnType<typeof createTokens>;
