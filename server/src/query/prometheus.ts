import { Counter, Gauge, Registry } from 'prom-client';
import {
  BROKER_SESSION_STATES,
  PIPELINE_PROBLEM_CODES,
  ROLES,
  type ArchiveStatus,
  type PipelineStatus,
} from '@cc/shared';
import { registerBrokerMetrics } from '@cc/shared/node';

/** Age in seconds of a stream entry id (`ms-seq`) at `now`; 0 for an empty stream. */
export function streamIdAgeSeconds(id: string | undefined, now: number): number {
  const ms = Number(id?.split('-')[0]);
  if (!id || !Number.isFinite(ms) || ms === 0) return 0;
  return Math.max(0, (now - ms) / 1000);
}

/** What the server's product metrics say, gathered by the route at each scrape. */
export interface MetricsInput {
  eventsTotal: number;
  telemetryTotal: number;
  clientsByRole: Record<string, number>;
  /** Read from Redis; undefined when Redis did not answer (the gauges then read NaN). */
  stream?:
    { eventsLength: number; lastEventId: string | undefined; rejectsTotal: number } | undefined;
  /** Stream entries the tail left out because they do not parse. */
  unreadable?: { events: number; telemetry: number };
  /** What the ingest workers' liveness records say; undefined when Redis did not answer. */
  pipeline?: PipelineStatus | undefined;
  /** The archive's state; null: no archiver deployed; undefined: Redis did not answer. */
  archive?: ArchiveStatus | null | undefined;
  now: number;
}

/** A counter that reports a total kept elsewhere (the hub counts; the scrape copies). */
function setTotal(counter: Counter, value: number, labels?: Record<string, string>): void {
  if (labels) {
    counter.remove(labels);
    counter.inc(labels, value);
  } else {
    counter.reset();
    counter.inc(value);
  }
}

/**
 * The server's product metrics on a registry of their own: one per server instance (tests run
 * several in one process). The names are the ones /metrics has always had.
 */
export function createProductMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const events = new Counter({
    name: 'cc_events_total',
    help: 'Events read from the events stream by this server since it started.',
    registers,
  });
  const telemetry = new Counter({
    name: 'cc_telemetry_total',
    help: 'Readings and positions read from the telemetry stream by this server since it started.',
    registers,
  });
  const clients = new Gauge({
    name: 'cc_clients',
    help: 'Connected Socket.IO clients by role.',
    labelNames: ['role'],
    registers,
  });
  const streamLength = new Gauge({
    name: 'cc_events_stream_length',
    help: 'Entries held in the events stream (XLEN).',
    registers,
  });
  const lastAge = new Gauge({
    name: 'cc_events_last_age_seconds',
    help: 'Age of the newest event in the stream; 0 when empty.',
    registers,
  });
  const rejects = new Counter({
    name: 'cc_rejects_total',
    help: 'Refused feed messages held in the rejects stream (XLEN).',
    registers,
  });
  const unreadable = new Counter({
    name: 'cc_unreadable_entries_total',
    help: 'Stream entries this server left out because they do not parse (see its log).',
    labelNames: ['stream'],
    registers,
  });

  const ready = new Gauge({
    name: 'cc_pipeline_ready',
    help: 'Every ingest worker reports and has its broker session (1), or not (0); NaN without Redis.',
    registers,
  });
  const problems = new Gauge({
    name: 'cc_pipeline_problems',
    help: 'Pipeline problems by code (ingest.down, broker.unreachable…; see /readyz for which worker).',
    labelNames: ['code'],
    registers,
  });
  const workerUp = new Gauge({
    name: 'cc_ingest_worker_up',
    help: "An ingest worker's liveness record is live (1) or expired (0).",
    labelNames: ['worker'],
    registers,
  });
  const session = new Gauge({
    name: 'cc_ingest_broker_session',
    help: "A live ingest worker's session with the broker: 1 for the state it is in.",
    labelNames: ['worker', 'state'],
    registers,
  });
  const archiverUp = new Gauge({
    name: 'cc_archiver_up',
    help: "The archiver's liveness record is live (1) or not (0); NaN without Redis.",
    registers,
  });
  const archiveDatabase = new Gauge({
    name: 'cc_archive_database_up',
    help: "The archiver's last write to PostgreSQL succeeded (1) or failed (0); NaN: no archiver.",
    registers,
  });
  const archiveLag = new Gauge({
    name: 'cc_archive_lag_events',
    help: 'Events in the stream not yet delivered to the archiver; NaN: no archiver group.',
    registers,
  });
  const archivePending = new Gauge({
    name: 'cc_archive_pending_events',
    help: 'Events delivered to the archiver and not yet committed to PostgreSQL and acknowledged.',
    registers,
  });
  const archiveTelemetryLag = new Gauge({
    name: 'cc_archive_telemetry_lag_entries',
    help: 'Telemetry stream entries (a write of a few hundred readings each) not yet delivered to the archiver.',
    registers,
  });
  let pipeline: PipelineStatus | undefined;
  registerBrokerMetrics(registers, () => pipeline?.counters);

  return {
    registry,
    /** Sets every metric from one reading of the server's state. */
    update(m: MetricsInput): void {
      setTotal(events, m.eventsTotal);
      setTotal(telemetry, m.telemetryTotal);
      clients.reset();
      for (const role of [...new Set([...ROLES, ...Object.keys(m.clientsByRole)])].sort()) {
        clients.set({ role }, m.clientsByRole[role] ?? 0);
      }
      streamLength.set(m.stream?.eventsLength ?? NaN);
      lastAge.set(m.stream ? streamIdAgeSeconds(m.stream.lastEventId, m.now) : NaN);
      // A counter never goes back: without Redis it keeps its last value.
      if (m.stream) setTotal(rejects, m.stream.rejectsTotal);
      for (const stream of ['events', 'telemetry'] as const) {
        setTotal(unreadable, m.unreadable?.[stream] ?? 0, { stream });
      }
      archiverUp.set(m.archive === undefined ? NaN : Number(m.archive?.up ?? false));
      const database = m.archive?.database;
      archiveDatabase.set(database === null || database === undefined ? NaN : Number(database));
      archiveLag.set(m.archive?.lag ?? NaN);
      archivePending.set(m.archive?.pending ?? NaN);
      archiveTelemetryLag.set(m.archive?.telemetryLag ?? NaN);
      pipeline = m.pipeline;
      ready.set(pipeline ? Number(pipeline.ok) : NaN);
      problems.reset();
      workerUp.reset();
      session.reset();
      if (!pipeline) return;
      for (const code of PIPELINE_PROBLEM_CODES) {
        problems.set({ code }, pipeline.problems.filter((p) => p.code === code).length);
      }
      for (const w of pipeline.workers) {
        workerUp.set({ worker: w.worker }, Number(w.up));
        if (w.broker === undefined) continue;
        for (const state of BROKER_SESSION_STATES) {
          session.set({ worker: w.worker, state }, Number(state === w.broker));
        }
      }
    },
  };
}
export type ProductMetrics = ReturnType<typeof createProductMetrics>;
