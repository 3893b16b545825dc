import type { Identity } from '@cc/shared';
import { verifyPassword, type UsersFile } from '@cc/shared/node';
import type { Tokens } from './tokens';

export interface AuthOptions {
  /** Who may sign in; undefined = nobody signs in and everyone is an anonymous viewer. */
  users: UsersFile | undefined;
  tokens: Tokens;
  tokenTtlS: number;
  displayTokenTtlS: number;
}

/** Without a users file the product is a read-only display for anyone who can reach it. */
const ANONYMOUS_VIEWER: Identity = { sub: 'anonymous', role: 'viewer' };

export type Credentials = { username: string; password: string } | { display: string; key: string };

/** Sign-in and token checks, for REST and Socket.IO alike. */
export function createAuthenticator(options: AuthOptions) {
  const { users, tokens } = options;
  return {
    required: users !== undefined,
    /** The identity behind a bearer token (or the anonymous viewer when sign-in is off). */
    async identify(token: string | undefined): Promise<Identity | undefined> {
      if (!users) return ANONYMOUS_VIEWER;
      return token ? tokens.verify(token) : undefined;
    },
    /** A token for valid credentials, else undefined. Same answer for unknown and wrong. */
    async signIn(credentials: Credentials) {
      if (!users) return undefined;
      if ('username' in credentials) {
        const user = users.users.find((u) => u.id === credentials.username);
        if (!user || !(await verifyPassword(user.password, credentials.password))) return undefined;
        const identity: Identity = {
          sub: user.id,
          role: user.role,
          name: user.name,
          ...(user.agency === undefined ? {} : { agency: user.agency }),
        };
        return { identity, ...(await tokens.sign(identity, options.tokenTtlS)) };
      }
      const display = users.displays.find((d) => d.id === credentials.display);
      if (!display || !(await verifyPassword(display.key, credentials.key))) return undefined;
      const identity: Identity = { sub: display.id, role: 'viewer', name: display.name };
      return { identity, ...(await tokens.sign(identity, options.displayTokenTtlS)) };
    },
  };
}
export type Authenticator = ReturnType<typeof createAuthenticator>;
