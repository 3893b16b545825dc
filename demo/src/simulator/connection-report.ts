import type { Logger } from '@cc/shared/node';

export type SimLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** Socket errors that mean "the broker is not there (yet)", not "the broker refused us". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);

/**
 * Turns the connection events of many clients (one per agency) into a few readable log lines:
 * one line when the broker becomes unreachable, one when every agency is connected again, and
 * one per agency per distinct refusal. mqtt.js keeps reconnecting on its own meanwhile; without
 * this, 25 clients retrying every second would flood the log with stack traces.
 */
export function createConnectionReport(log: SimLogger, url: string, agencies: number) {
  const connected = new Set<string>();
  /** Last refusal logged per agency, so a client retrying every second logs it once. */
  const refusals = new Map<string, string>();
  let outageReported = false;
  let everUp = false;

  function reportOutage(message: string, code?: string): void {
    if (outageReported) return;
    outageReported = true;
    log.warn(code === undefined ? { url } : { url, code }, message);
  }

  return {
    connected: () => connected.size,
    onConnect(agency: string): void {
      connected.add(agency);
      refusals.delete(agency);
      if (connected.size < agencies || (everUp && !outageReported)) return;
      log.info({ url, agencies }, `connected to MQTT broker at ${url}: ${agencies} agencies`);
      outageReported = false;
      everUp = true;
    },
    onClose(agency: string): void {
      connected.delete(agency);
    },
    onOffline(): void {
      if (everUp) reportOutage(`MQTT connection to ${url} lost; reconnecting`);
    },
    onError(agency: string, err: Error & { code?: unknown }): void {
      const code = typeof err.code === 'string' ? err.code : undefined;
      if (code !== undefined && UNREACHABLE.has(code)) {
        reportOutage(`MQTT broker unreachable at ${url} (${code}); retrying`, code);
        return;
      }
      // A refusal (bad credentials, not authorized, protocol) is specific to one agency.
      if (refusals.get(agency) === err.message) return;
      refusals.set(agency, err.message);
      log.warn({ url, agency, code: err.code }, `MQTT client of ${agency}: ${err.message}`);
    },
  };
}
export type ConnectionReport = ReturnType<typeof createConnectionReport>;
