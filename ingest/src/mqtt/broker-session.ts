import type { Logger } from '@cc/shared/node';

/** Ingest's session with the broker, for logs, readiness and metrics. */
export interface BrokerSession {
  connected: boolean;
  /** What the broker's last CONNACK said: it kept the session (and what it queued for it). */
  sessionPresent: boolean | undefined;
  /** The subscriptions are granted on the current connection. */
  subscribed: boolean;
  /** The last connection error, refusal or failed subscription, and when (epoch ms). */
  lastError: { message: string; at: number } | undefined;
  /** When `connected` last changed (epoch ms). */
  since: number;
  /**
   * QoS 1 messages the broker hands over unacknowledged at most, when known: v5, the Receive
   * Maximum ingest asked for; 3.1.1, the window seen (only when it limits batches).
   */
  inflightWindow: number | undefined;
  /** Messages received and not yet stored. */
  inHand: number;
  /** Messages received since start. */
  received: number;
}

/** What the subscriber counts itself; read whenever the session is. */
export type Counts = Pick<BrokerSession, 'inHand' | 'received'>;

/**
 * The session's state and its listeners: `update` changes it and tells every listener (one that
 * throws is logged, never breaks the subscriber); `snapshot` reads it with the current counts.
 */
export function createBrokerSession(
  initial: Pick<BrokerSession, 'inflightWindow'>,
  counts: () => Counts,
  log: Logger,
) {
  const state: Omit<BrokerSession, keyof Counts> = {
    connected: false,
    sessionPresent: undefined,
    subscribed: false,
    lastError: undefined,
    since: Date.now(),
    inflightWindow: initial.inflightWindow,
  };
  const listeners = new Set<(s: BrokerSession) => void>();
  const snapshot = (): BrokerSession => ({ ...state, ...counts() });

  function update(change: Partial<Omit<BrokerSession, keyof Counts>>) {
    if (change.connected !== undefined && change.connected !== state.connected) {
      state.since = Date.now();
    }
    Object.assign(state, change);
    const now = snapshot();
    for (const listener of listeners) {
      try {
        listener(now);
      } catch (err) {
        log.error({ err }, 'broker session listener failed');
      }
    }
  }

  return {
    snapshot,
    update,
    failed: (message: string) => update({ lastError: { message, at: Date.now() } }),
    get connected() {
      return state.connected;
    },
    /** Told whenever the session changes; returns the unsubscribe. */
    onChange(listener: (s: BrokerSession) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
