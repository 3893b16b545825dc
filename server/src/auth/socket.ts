import { can } from '@cc/shared';
import type { Logger } from '@cc/shared/node';
import type { LiveServer, LiveSocket } from '../live/hub';
import type { Authenticator } from './authenticator';

/**
 * Socket.IO middleware: the handshake's `auth.token` must name an identity that may read the
 * picture. Runs on every connection, reconnections included (our resume never skips it).
 */
export function authenticateSocket(auth: Authenticator) {
  return (socket: LiveSocket, next: (err?: Error) => void) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    auth.identify(typeof token === 'string' ? token : undefined).then(
      (identified) => {
        if (!identified.ok) return next(new Error(identified.code));
        if (!can(identified.identity, 'read:picture')) return next(new Error('auth.forbidden'));
        socket.data.identity = identified.identity;
        if (identified.claims) socket.data.claims = identified.claims;
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

/**
 * After the users file changed: every socket of this instance whose token no longer holds (its
 * account removed, or its role, agency or secret changed) is told why (`signedOut`) and
 * disconnected; the screen shows the sign-in form. The others take the file's current name.
 */
export function recheckSockets(io: LiveServer, auth: Authenticator, log: Logger): number {
  let revoked = 0;
  for (const socket of io.of('/').sockets.values()) {
    const claims = socket.data.claims;
    if (!claims) continue;
    const identified = auth.recheck(claims);
    if (identified.ok) {
      socket.data.identity = identified.identity;
      continue;
    }
    revoked++;
    log.info({ sub: claims.identity.sub }, 'account changed or removed: socket signed out');
    socket.emit('signedOut', { code: 'auth.revoked' });
    socket.disconnect(true);
  }
  return revoked;
}
