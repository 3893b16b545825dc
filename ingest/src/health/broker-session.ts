import type { MqttClient } from 'mqtt';
import type { BrokerSessionState, IngestReport } from '@cc/shared';

/** What happens to ingest's connection, as mqtt.js tells it. */
export type SessionInput =
  | { type: 'connack' }
  | { type: 'subscribed'; refused: readonly string[] }
  | { type: 'error'; code: unknown; message: string }
  /** The broker said why it ends the connection (MQTT v5 DISCONNECT). */
  | { type: 'disconnect'; reasonCode: number | undefined }
  | { type: 'close' };

/** Losses this close together mean the session keeps being taken (another client with its id). */
export const FLAP_WINDOW_MS = 10_000;
const FLAP_LOSSES = 2;

/** Socket errors that mean the broker cannot be reached at all. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);

export interface SessionTrack {
  /** CONNACK accepted on the current connection. */
  connected: boolean;
  /** The feed subscriptions granted on the current connection. */
  subscribed: boolean;
  /** Why the last attempt failed; cleared by a working session. */
  failure?: { unreachable: boolean; reason: string };
  losses: number;
  /** When recent sessions were lost (the last few). */
  lostAt: readonly number[];
  state: BrokerSessionState;
  since: number;
  reason?: string;
}

export function initialSession(now: number): SessionTrack {
  return {
    connected: false,
    subscribed: false,
    losses: 0,
    lostAt: [],
    state: 'no_session',
    since: now,
    reason: 'connecting',
  };
}

function classify(track: Omit<SessionTrack, 'state' | 'since' | 'reason'>, now: number) {
  const recent = track.lostAt.filter((t) => now - t < FLAP_WINDOW_MS).length;
  if (track.connected && track.subscribed) {
    if (recent >= FLAP_LOSSES) {
      return {
        state: 'no_session' as const,
        reason: `session lost ${recent} times in ${FLAP_WINDOW_MS / 1000} s: another client may be using this client id`,
      };
    }
    return { state: 'connected' as const, reason: undefined };
  }
  if (track.failure?.unreachable) {
    return { state: 'unreachable' as const, reason: track.failure.reason };
  }
  return {
    state: 'no_session' as const,
    reason: track.failure?.reason ?? (track.connected ? 'subscribing' : 'connecting'),
  };
}

/** The session's state after `input` at `now`, or after time passed with no input; pure. */
export function nextSession(
  track: SessionTrack,
  input: SessionInput | undefined,
  now: number,
): SessionTrack {
  let next: Omit<SessionTrack, 'state' | 'since' | 'reason'> = { ...track };
  switch (input?.type) {
    case 'connack':
      next = { ...next, connected: true, subscribed: false };
      break;
    case 'subscribed': {
      const granted = { ...next, subscribed: true };
      delete granted.failure;
      next =
        input.refused.length === 0
          ? granted
          : {
              ...next,
              subscribed: false,
              failure: {
                unreachable: false,
                reason: `subscription refused: ${input.refused.join(', ')}`,
              },
            };
      break;
    }
    case 'error': {
      const network = typeof input.code === 'string' && NETWORK_ERRORS.has(input.code);
      // No CONNACK in time: something listens but no broker answers.
      const silent = input.message === 'connack timeout';
      next = {
        ...next,
        failure: {
          unreachable: network || silent,
          reason: typeof input.code === 'string' ? input.code : input.message,
        },
      };
      break;
    }
    case 'disconnect':
      next = {
        ...next,
        failure: {
          unreachable: false,
          reason:
            input.reasonCode === 0x8e
              ? 'session taken over by another client with this client id'
              : `disconnected by the broker (reason ${input.reasonCode ?? 'none'})`,
        },
      };
      break;
    case 'close':
      if (next.connected && next.subscribed) {
        next = {
          ...next,
          losses: next.losses + 1,
          lostAt: [...next.lostAt.slice(-(FLAP_LOSSES * 4)), now],
        };
        next.failure ??= { unreachable: false, reason: 'connection closed by the broker' };
      }
      next = { ...next, connected: false, subscribed: false };
      break;
    case undefined:
      break;
  }
  const { state, reason } = classify(next, now);
  const same = state === track.state && reason === track.reason;
  return {
    ...next,
    state,
    since: same ? track.since : now,
    ...(reason === undefined ? {} : { reason }),
  };
}

/**
 * Follows an MQTT client's session with the broker from its events; the subscriber tells it when
 * the feed subscriptions are answered (`subscribed`). `report()` is what the liveness record says.
 */
export function trackBrokerSession(client: MqttClient, now: () => number = Date.now) {
  let track = initialSession(now());
  const feed = (input: SessionInput) => {
    track = nextSession(track, input, now());
  };
  client.on('connect', () => feed({ type: 'connack' }));
  client.on('error', (err) =>
    feed({ type: 'error', code: (err as { code?: unknown }).code, message: err.message }),
  );
  client.on('disconnect', (packet) => feed({ type: 'disconnect', reasonCode: packet.reasonCode }));
  client.on('close', () => feed({ type: 'close' }));
  return {
    subscribed: (refused: readonly string[]) => feed({ type: 'subscribed', refused }),
    report(): IngestReport['broker'] {
      track = nextSession(track, undefined, now());
      return {
        state: track.state,
        since: track.since,
        losses: track.losses,
        ...(track.reason === undefined ? {} : { reason: track.reason }),
      };
    },
  };
}
export type BrokerSession = ReturnType<typeof trackBrokerSession>;
