import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { BrokerCounters } from '../live/pipeline';

/** The content type of the Prometheus text exposition format that `/metrics` serves. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (prom-client's defaults: CPU, resident memory, heap spaces, event-loop
 * lag, GC pauses, open handles…), collected once per process however many servers or ingest
 * workers it runs (tests run several in one).
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Several registries as one Prometheus text (their metric names must not overlap). */
export async function metricsText(...registries: Registry[]): Promise<string> {
  const parts = await Promise.all(registries.map((r) => r.metrics()));
  return parts.join('\n');
}

/**
 * The broker's own counters (`$SYS`) as metrics, the same on ingest and the servers. Until the
 * broker has said one (or with a broker that does not say it), its gauge reads NaN and its
 * counter 0.
 */
export function registerBrokerMetrics(
  registers: Registry[],
  counters: () => BrokerCounters | undefined,
) {
  const family = (
    name: string,
    help: string,
    value: (c: BrokerCounters) => number | undefined,
    Type: typeof Gauge | typeof Counter = Gauge,
  ) =>
    new Type({
      name,
      help,
      registers,
      collect(this: Gauge | Counter) {
        this.reset();
        const c = counters();
        const v = c ? value(c) : undefined;
        if (this instanceof Gauge) this.set(v ?? NaN);
        else if (v !== undefined) this.inc(v);
      },
    });
  family(
    'cc_broker_messages_dropped_total',
    'Messages the broker dropped since it started ($SYS/broker/publish/messages/dropped).',
    (c) => c.dropped,
    Counter,
  );
  family(
    'cc_broker_messages_dropped_recent',
    'Messages the broker dropped in the last 15 minutes.',
    (c) => c.droppedRecent,
  );
  family(
    'cc_broker_stored_messages',
    'Messages the broker holds ($SYS/broker/store/messages/count).',
    (c) => c.stored,
  );
  family(
    'cc_broker_clients',
    'Clients connected to the broker ($SYS/broker/clients/connected).',
    (c) => c.clients,
  );
}
