import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@cc/shared';
import {
  clearSession,
  displayKeyFromUrl,
  loadSession,
  login,
  saveSession,
  type TokenStorage,
} from '../auth/session';
import type { AppStore, SignInReason } from '../store/create-app-store';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const RETRY_MS = 5_000;

/** Refusals of the handshake that need a (new) sign-in, and what the form says about them. */
const SIGN_IN_REASONS: Partial<Record<string, SignInReason>> = {
  'auth.required': 'required',
  'auth.forbidden': 'forbidden',
  'auth.revoked': 'revoked',
};

/**
 * Decides who the screen is before it connects. A wall opened as `/?display=<id>&key=<key>`
 * exchanges its key for a token and the key leaves the address bar; otherwise a stored, unexpired
 * token is used; otherwise the screen connects without one (the server says if it needs one).
 */
async function startSession(store: AppStore, storage: TokenStorage, base: string): Promise<void> {
  const { getState } = store;
  const inUrl = displayKeyFromUrl(window.location.href);
  if (inUrl) {
    // The secret must not stay on screen, whatever the server answers.
    window.history.replaceState(window.history.state, '', inUrl.cleanUrl);
    if (inUrl.credentials) {
      for (;;) {
        const result = await login(inUrl.credentials, fetch, base);
        if (result.outcome === 'ok') {
          saveSession(storage, { token: result.token, kind: 'display' });
          getState().setSession('display');
          return;
        }
        if (result.outcome === 'disabled') {
          getState().setSession('none');
          return;
        }
        if (result.outcome === 'throttled') {
          // Someone else's failed attempts on this key: wait as long as the server says.
          console.warn('live: sign-in throttled, retrying in', result.retryAfterS, 's');
          await new Promise((r) => setTimeout(r, result.retryAfterS * 1000));
          continue;
        }
        if (result.outcome === 'invalid') {
          console.warn('live: the display key was refused');
          clearSession(storage);
          getState().requireSignIn('required');
          return;
        }
        console.warn('live: sign-in failed, retrying', result.status ?? 'no answer');
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }
  const stored = loadSession(storage, Date.now());
  if (stored) getState().setSession(stored.kind);
}

/**
 * Opens the live connection and wires it to the store. Transport only: every message goes
 * straight to a store action, which decides what to apply.
 *
 * The handshake's `auth` is a function so that each reconnect sends the *current* last event id
 * and token: the server then replays only what was missed, or sends a snapshot when it no longer
 * can. A refused token shows the sign-in form; signing in (or out) connects (or disconnects).
 */
export function connectLive(
  store: AppStore,
  url: string = window.location.origin,
  storage: TokenStorage = window.localStorage,
  /** What else the handshake asks for (the tablet: its layers and visible area), on each connect. */
  subscription?: () => Pick<HandshakeAuth, 'layers' | 'bbox'>,
): LiveSocket {
  const socket: LiveSocket = io(url, {
    transports: ['websocket'],
    autoConnect: false,
    auth: (cb) => {
      const since = store.getState().lastEventId;
      const token = loadSession(storage, Date.now())?.token;
      // Omitted rather than undefined when absent (exactOptionalPropertyTypes).
      cb({
        ...subscription?.(),
        ...(since === null ? {} : { since }),
        ...(token === undefined ? {} : { token }),
      } satisfies HandshakeAuth);
    },
  });
  const { getState } = store;

  socket.on('connect', () => getState().setConnection('live'));
  socket.on('disconnect', (reason) => {
    console.info('live: disconnected', reason);
    getState().setConnection('offline');
  });
  socket.on('connect_error', (err) => {
    console.warn('live: connect failed', err.message);
    getState().setConnection('offline');
    const reason = SIGN_IN_REASONS[err.message];
    if (reason) {
      clearSession(storage);
      getState().requireSignIn(reason);
    }
  });
  // The account was removed or changed in the users file: the token is void, sign in again.
  socket.on('signedOut', () => {
    clearSession(storage);
    getState().requireSignIn('revoked');
  });

  socket.on('snapshot', (snapshot) => getState().applySnapshot(snapshot));
  socket.on('events', (batch) => getState().applyEvents(batch));
  socket.on('telemetry', (frame) => getState().applyTelemetry(frame));
  socket.on('heartbeat', (beat) => getState().heartbeat(beat));

  // The sign-in form and the sign-out button change the session; the socket follows.
  store.subscribe((state, prev) => {
    if (state.auth.signIn === prev.auth.signIn) return;
    if (state.auth.signIn === null) socket.connect();
    else socket.disconnect();
  });
  void startSession(store, storage, url).then(() => {
    if (getState().auth.signIn === null) socket.connect();
  });
  return socket;
}
