import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from 'redis';

const TRANSIENT_CLASSES = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
];

/** Redis replies that mean "not now" rather than "never": worth waiting for. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|OOM|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * True when an error is about reaching Redis (retry later, keep the message unacknowledged), not
 * about the data (retrying the same message would fail the same way for ever).
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (TRANSIENT_CLASSES.some((cls) => err instanceof cls)) return true;
  if (err instanceof ErrorReply) return TRANSIENT_REPLY.test(err.message);
  const code = (err as NodeJS.ErrnoException).code;
  return code !== undefined && TRANSIENT_ERRNO.has(code);
}
