import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { createAuthHooks, type BrokerAuth } from './auth';
import { publishSysCounters } from './sys-counters';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
  }
}

export interface EmbeddedBrokerOptions {
  auth?: BrokerAuth | undefined;
  /** How often it publishes its `$SYS` counters (Mosquitto's `sys_interval`: 10 s). */
  sysIntervalMs?: number;
  /**
   * How long a subscriber's connection may stay full before Aedes drops it, with the messages it
   * had still to write (Aedes's `drainTimeout`: 60 s).
   */
  drainTimeoutMs?: number;
}

export interface EmbeddedBroker {
  port: number;
  close(): Promise<void>;
}

/**
 * The embedded MQTT broker (Aedes: MQTT 3.1.1, no shared subscriptions) for one-machine runs
 * and tests. Rejects with PortInUseError when the port is taken, so callers can say so plainly.
 * With `auth`, clients must log in with an account of the agencies file and the topic ACL
 * applies (the same rules as the generated Mosquitto files); without it anyone may do anything.
 */
export async function startEmbeddedBroker(
  port: number,
  host = '127.0.0.1',
  options: EmbeddedBrokerOptions = {},
): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({
    ...(options.auth ? createAuthHooks(options.auth) : {}),
    ...(options.drainTimeoutMs === undefined ? {} : { drainTimeout: options.drainTimeoutMs }),
  });
  const sys = publishSysCounters(aedes, options.sysIntervalMs ?? 10_000);
  // Each packet leaves at once (as `set_tcp_nodelay` in the deployed Mosquitto): with Nagle's
  // algorithm a small message can wait for the previous one's TCP acknowledgement.
  const server: Server = createServer({ noDelay: true }, aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      sys.close();
      aedes.close();
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  let closed: Promise<void> | undefined;
  return {
    port: bound,
    close() {
      closed ??= new Promise<void>((resolve) => {
        sys.close();
        aedes.close(() => server.close(() => resolve()));
      });
      return closed;
    },
  };
}
