import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry } from 'prom-client';
import { API, BROKER_SESSION_STATES, type BrokerCounters, type IngestReport } from '@cc/shared';
import {
  METRICS_CONTENT_TYPE,
  metricsText,
  processMetrics,
  registerBrokerMetrics,
  type Logger,
} from '@cc/shared/node';

export interface IngestMetricsSource {
  /** Messages received and not yet stored, per agency. */
  queued: () => Record<string, number>;
  broker: () => IngestReport['broker'];
  counters: () => BrokerCounters | undefined;
}

/** The worker's own metrics, read when scraped: its queue, its broker session, the broker's counters. */
export function createIngestMetrics(source: IngestMetricsSource): Registry {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: 'cc_ingest_queue_messages',
    help: 'Feed messages this worker received and has not stored yet.',
    registers,
    collect() {
      this.set(Object.values(source.queued()).reduce((a, b) => a + b, 0));
    },
  });
  new Gauge({
    name: 'cc_ingest_broker_session',
    help: "This worker's session with the broker: 1 for the state it is in.",
    labelNames: ['state'],
    registers,
    collect() {
      const { state } = source.broker();
      for (const s of BROKER_SESSION_STATES) this.set({ state: s }, s === state ? 1 : 0);
    },
  });
  new Counter({
    name: 'cc_ingest_broker_session_losses_total',
    help: 'Broker sessions this worker lost since it started.',
    registers,
    collect() {
      this.reset();
      this.inc(source.broker().losses);
    },
  });
  registerBrokerMetrics(registers, source.counters);
  return registry;
}

/**
 * Serves `/metrics` (the worker's metrics and the process's) on its own port. A port in use is
 * logged and leaves the worker without the endpoint: storing messages matters more.
 */
export async function serveIngestMetrics(options: {
  port: number;
  host: string;
  registry: Registry;
  log: Logger;
}): Promise<{ port: number | undefined; close(): Promise<void> }> {
  const { registry, log } = options;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== API.metrics) {
      res.writeHead(404).end();
      return;
    }
    metricsText(registry, processMetrics()).then(
      (text) => res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
      (err: unknown) => {
        log.warn({ err: (err as Error).message }, 'metrics could not be collected');
        res.writeHead(500).end();
      },
    );
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      log.error(
        { err: err.message, port: options.port },
        err.code === 'EADDRINUSE'
          ? 'INGEST_METRICS_PORT is in use: ingest runs without its /metrics'
          : 'ingest /metrics could not listen',
      );
      resolve(false);
    });
    server.listen(options.port, options.host, () => resolve(true));
  });
  if (!listening) return { port: undefined, close: async () => {} };
  const port = (server.address() as AddressInfo).port;
  log.info({ port }, 'ingest metrics listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
