import { SignJWT, jwtVerify } from 'jose';
import { ROLES, type Identity, type Role } from '@cc/shared';

const ISSUER = 'cc-server';

/** Signs and verifies the server's tokens (HS256 JWTs carrying an Identity). */
export function createTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(identity: Identity, ttlS: number): Promise<{ token: string; expiresAt: number }> {
      const expiresAt = Date.now() + ttlS * 1000;
      const token = await new SignJWT({
        role: identity.role,
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
    /** The identity in a valid token; undefined for anything else (expired, forged, malformed). */
    async verify(token: string): Promise<Identity | undefined> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        const role = payload.role as Role;
        if (typeof payload.sub !== 'string' || !ROLES.includes(role)) return undefined;
        return {
          sub: payload.sub,
          role,
          ...(typeof payload.agency === 'string' ? { agency: payload.agency } : {}),
          ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
        };
      } catch {
        // Invalid is invalid, whatever the reason; the caller answers 401.
        return undefined;
      }
    },
  };
}
export type Tokens = ReturnType<typeof createTokens>;
