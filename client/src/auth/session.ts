import type { Identity } from '@cc/shared';

/** Where the screen keeps its token between page loads. */
export const TOKEN_KEY = 'cc.token';
/** Whether the stored token came from a display key ('display') or a person's sign-in ('user'). */
export const TOKEN_KIND_KEY = 'cc.token.kind';

/** Who the screen is signed in as: nobody (yet, or sign-in is off), a wall, or a person. */
export type SessionKind = 'none' | 'display' | 'user';

/** The part of `localStorage` the session uses, so tests can pass a plain object. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface DisplayKeyInUrl {
  /** Absent when the address has a `key` but no `display`: the key is still removed. */
  credentials?: { display: string; key: string };
  /** The address without `key`, for `history.replaceState`. */
  cleanUrl: string;
}

/** A wall opened as `/?display=<id>&key=<key>`: its credentials and the address without the key. */
export function displayKeyFromUrl(href: string): DisplayKeyInUrl | undefined {
  const url = new URL(href);
  const key = url.searchParams.get('key');
  if (key === null) return undefined;
  const display = url.searchParams.get('display');
  url.searchParams.delete('key');
  const cleanUrl = `${url.pathname}${url.search}${url.hash}`;
  return display && key ? { credentials: { display, key }, cleanUrl } : { cleanUrl };
}

/** A JWT's expiry (epoch ms) read from its payload, without checking it; undefined if unreadable. */
export function tokenExpiresAt(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      exp?: unknown;
    };
    return typeof json.exp === 'number' ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export interface StoredSession {
  token: string;
  kind: Exclude<SessionKind, 'none'>;
}

/** The stored token while it is still valid; an expired or unreadable one is removed. */
export function loadSession(storage: TokenStorage, now: number): StoredSession | undefined {
  const token = storage.getItem(TOKEN_KEY);
  if (!token) return undefined;
  const expiresAt = tokenExpiresAt(token);
  if (expiresAt === undefined || expiresAt <= now) {
    clearSession(storage);
    return undefined;
  }
  return { token, kind: storage.getItem(TOKEN_KIND_KEY) === 'display' ? 'display' : 'user' };
}

export function saveSession(storage: TokenStorage, session: StoredSession): void {
  storage.setItem(TOKEN_KEY, session.token);
  storage.setItem(TOKEN_KIND_KEY, session.kind);
}

export function clearSession(storage: TokenStorage): void {
  storage.removeItem(TOKEN_KEY);
  storage.removeItem(TOKEN_KIND_KEY);
}

export type LoginCredentials =
  { username: string; password: string } | { display: string; key: string };

export type LoginResult =
  | { outcome: 'ok'; token: string; expiresAt: number; identity: Identity }
  /** The server has no users file: connect without a token, as before sign-in existed. */
  | { outcome: 'disabled' }
  /** Wrong name, password or key (the server does not say which). */
  | { outcome: 'invalid' }
  /** Too many failed attempts on this account or from this address: wait, then try again. */
  | { outcome: 'throttled'; retryAfterS: number }
  /** No answer, or one we do not understand: worth trying again. */
  | { outcome: 'failed'; status?: number };

/** Exchanges credentials for a token at `POST /api/v1/auth/login`. */
export async function login(
  credentials: LoginCredentials,
  fetchFn: typeof fetch = fetch,
  base = '',
): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetchFn(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
  } catch {
    return { outcome: 'failed' };
  }
  const body = (await res.json().catch(() => undefined)) as
    { code?: string; token?: string; expiresAt?: number; identity?: Identity } | undefined;
  if (res.status === 404 && body?.code === 'auth.disabled') return { outcome: 'disabled' };
  if (res.status === 401 || res.status === 400) return { outcome: 'invalid' };
  if (res.status === 429) {
    const header = Number(res.headers.get('retry-after'));
    return {
      outcome: 'throttled',
      retryAfterS: Number.isFinite(header) && header > 0 ? header : 1,
    };
  }
  if (res.ok && typeof body?.token === 'string' && body.identity) {
    return {
      outcome: 'ok',
      token: body.token,
      expiresAt: body.expiresAt ?? tokenExpiresAt(body.token) ?? 0,
      identity: body.identity,
    };
  }
  return { outcome: 'failed', status: res.status };
}
