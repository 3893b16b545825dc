import { can } from '@cc/shared';
import type { LiveSocket } from '../live/hub';
import type { Authenticator } from './authenticator';

/**
 * Socket.IO middleware: the handshake's `auth.token` must name an identity that may read the
 * picture. Runs on every connection, reconnections included (our resume never skips it).
 */
export function authenticateSocket(auth: Authenticator) {
  return (socket: LiveSocket, next: (err?: Error) => void) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    auth.identify(typeof token === 'string' ? token : undefined).then(
      (identity) => {
        if (!identity) return next(new Error('auth.required'));
        if (!can(identity, 'read:picture')) return next(new Error('auth.forbidden'));
        socket.data.identity = identity;
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}
