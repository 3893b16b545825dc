import {
  PortInUseError,
  startEmbeddedBroker,
  type EmbeddedBroker,
  type EmbeddedBrokerOptions,
} from '../../ingest/src/broker/embedded';

/** The port the embedded broker takes first: MQTT's own. */
export const EMBEDDED_MQTT_PORT = 1883;
/**
 * The one port it takes when 1883 is in use (by a Mosquitto, say): always the same, so
 * agencies, scripts and the README's commands find it again after a restart.
 */
export const EMBEDDED_MQTT_FALLBACK_PORT = 11883;

/** No port the embedded broker may use is free; the message says what to set. */
export class EmbeddedPortError extends Error {
  override readonly name = 'EmbeddedPortError';
}

export interface EmbeddedPortChoice {
  /** MQTT_EMBEDDED_PORT when set: that port and no other. */
  configured?: number | undefined;
  /** The defaults, for tests: 1883, then the fixed fallback. */
  ports?: readonly [number, number];
  host?: string;
  options?: EmbeddedBrokerOptions;
}

/**
 * Starts `npm start`'s embedded broker on a port that does not change between restarts: the
 * configured one, else 1883, else the one fixed fallback. When those are taken it fails with an
 * `EmbeddedPortError` saying how to choose a port or use the broker already running, rather
 * than wandering to whatever port happens to be free.
 */
export async function startEmbeddedBrokerOnFixedPort(
  choice: EmbeddedPortChoice = {},
): Promise<EmbeddedBroker> {
  const host = choice.host ?? '127.0.0.1';
  const [first, fallback] = choice.ports ?? [EMBEDDED_MQTT_PORT, EMBEDDED_MQTT_FALLBACK_PORT];
  const ports = choice.configured === undefined ? [first, fallback] : [choice.configured];
  for (const port of ports) {
    try {
      return await startEmbeddedBroker(port, host, choice.options);
    } catch (err) {
      if (!(err instanceof PortInUseError)) throw err;
    }
  }
  const taken =
    choice.configured === undefined
      ? `ports ${first} and ${fallback} are both in use`
      : `port ${choice.configured} (MQTT_EMBEDDED_PORT) is in use`;
  throw new EmbeddedPortError(
    `the embedded MQTT broker cannot start: ${taken}. ` +
      `Set MQTT_EMBEDDED_PORT to a free port (e.g. MQTT_EMBEDDED_PORT=21883 npm start), ` +
      `or MQTT_URL to use the broker already running (e.g. MQTT_URL=mqtt://127.0.0.1:${first} npm start).`,
  );
}
