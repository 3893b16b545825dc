import { z } from 'zod';

/**
 * Whether what agencies publish is being stored: each ingest worker's liveness record, what the
 * servers make of the records (`/readyz`, `/metrics`, the screens' heartbeat), and the broker's
 * own counters that ingest reads from its `$SYS` topics.
 */

/** How often an ingest worker writes its liveness record. */
export const INGEST_REPORT_MS = 1_000;
/**
 * How long a liveness record lives without being written again: a worker killed, frozen or cut
 * off from Redis reads as down this long after its last write (its timer runs on its event loop).
 */
export const INGEST_REPORT_TTL_MS = 3_000;
/** The broker's drops the wall shows are the ones of this last stretch of time. */
export const BROKER_DROPS_WINDOW_MS = 15 * 60_000;

/**
 * An ingest worker's session with the broker: `connected` (subscribed, and not losing it again
 * and again), `no_session` (the broker answers but ingest has no working session: refused, its
 * subscriptions refused, or taken over by another client with its client id) or `unreachable`
 * (no connection to the broker at all, or no answer to the connect).
 */
export const BROKER_SESSION_STATES = ['connected', 'no_session', 'unreachable'] as const;
export type BrokerSessionState = (typeof BROKER_SESSION_STATES)[number];

/** The broker's own counters, from its `$SYS` topics (Mosquitto's, or the embedded broker's). */
export const BrokerCounters = z.object({
  /** When the worker last heard any of them, its clock (epoch ms). */
  at: z.number(),
  /** Messages the broker dropped since it started (`$SYS/broker/publish/messages/dropped`). */
  dropped: z.number().int().nonnegative(),
  /** Of those, the ones dropped in the last BROKER_DROPS_WINDOW_MS. */
  droppedRecent: z.number().int().nonnegative(),
  /** Messages the broker holds (`$SYS/broker/store/messages/count`), when it says. */
  stored: z.number().int().nonnegative().optional(),
  /** Connected clients (`$SYS/broker/clients/connected`), when it says. */
  clients: z.number().int().nonnegative().optional(),
  /** Seconds since the broker started (`$SYS/broker/uptime`), when it says. */
  uptimeS: z.number().nonnegative().optional(),
});
export type BrokerCounters = z.infer<typeof BrokerCounters>;

/** What an ingest worker says about itself every INGEST_REPORT_MS (its liveness record). */
export const IngestReport = z.object({
  /** The worker: its MQTT client id (`INGEST_CLIENT_ID`). */
  worker: z.string().min(1),
  /** When written, the worker's clock (epoch ms). Liveness itself is the record's expiry. */
  at: z.number(),
  startedAt: z.number(),
  /** Written once, when the worker stops on purpose. */
  stopped: z.boolean().optional(),
  broker: z.object({
    state: z.enum(BROKER_SESSION_STATES),
    /** Since when it is in this state (worker clock). */
    since: z.number(),
    /** Why it has no session or no connection: the broker's refusal, the socket's error… */
    reason: z.string().optional(),
    /** Sessions lost since the worker started. */
    losses: z.number().int().nonnegative(),
  }),
  counters: BrokerCounters.optional(),
});
export type IngestReport = z.infer<typeof IngestReport>;

/** Something about the pipeline that `/readyz`, `/metrics` and the wall say. */
export type PipelineProblem =
  /** No ingest worker has ever reported. */
  | { code: 'ingest.none' }
  /** A worker stopped reporting (killed, frozen, cut off from Redis) or stopped on purpose. */
  | { code: 'ingest.down'; worker: string; lastSeenAt: number | null; stopped?: boolean }
  /** A worker reaches the broker but has no working session with it. */
  | { code: 'ingest.no_broker_session'; worker: string; reason?: string }
  /** A worker cannot reach the broker. */
  | { code: 'broker.unreachable'; worker: string; reason?: string }
  /** The broker dropped messages (queues full, slow subscribers): a warning, not an outage. */
  | { code: 'broker.dropped'; count: number; windowS: number };
export type PipelineProblemCode = PipelineProblem['code'];

/** Problems that do not make the pipeline unready: the rest mean nothing new is stored. */
export const PIPELINE_WARNINGS: readonly PipelineProblemCode[] = ['broker.dropped'];

/** Every problem code, for metrics that list them all. */
export const PIPELINE_PROBLEM_CODES: readonly PipelineProblemCode[] = [
  'ingest.none',
  'ingest.down',
  'ingest.no_broker_session',
  'broker.unreachable',
  'broker.dropped',
];

export interface PipelineStatus {
  /** Nothing but warnings: every worker reports and has its broker session. */
  ok: boolean;
  /** Workers whose record is live. */
  workersUp: number;
  /** Every worker that ever reported, by id: up or not, and its broker session when up. */
  workers: { worker: string; up: boolean; broker?: BrokerSessionState }[];
  problems: PipelineProblem[];
  /** The broker's counters, from the worker that heard them last. */
  counters?: BrokerCounters;
}

/** One worker as the servers find it in Redis. */
export interface IngestWorkerRecord {
  worker: string;
  /** Its liveness record has not expired. */
  alive: boolean;
  /** Its last report: the live record, or what it wrote last. */
  report: IngestReport | undefined;
}

/** One line for a person or a log: what is wrong, naming the worker. */
export function describeProblem(p: PipelineProblem): string {
  switch (p.code) {
    case 'ingest.none':
      return 'ingest down: no ingest worker has reported';
    case 'ingest.down':
      return `ingest down: worker ${p.worker} ${p.stopped ? 'stopped' : 'stopped reporting'}`;
    case 'ingest.no_broker_session':
      return `ingest has no broker session: worker ${p.worker}${p.reason ? ` (${p.reason})` : ''}`;
    case 'broker.unreachable':
      return `broker unreachable from worker ${p.worker}${p.reason ? ` (${p.reason})` : ''}`;
    case 'broker.dropped':
      return `broker dropped ${p.count} messages in the last ${Math.round(p.windowS / 60)} min`;
  }
}

/** What the workers' records say about the pipeline; pure. */
export function pipelineStatus(records: readonly IngestWorkerRecord[]): PipelineStatus {
  const problems: PipelineProblem[] = [];
  if (records.length === 0) problems.push({ code: 'ingest.none' });
  let counters: BrokerCounters | undefined;
  let workersUp = 0;
  const workers: PipelineStatus['workers'] = [];
  for (const { worker, alive, report } of [...records].sort((a, b) =>
    a.worker.localeCompare(b.worker),
  )) {
    if (!alive || !report || report.stopped) {
      workers.push({ worker, up: false });
      problems.push({
        code: 'ingest.down',
        worker,
        lastSeenAt: report?.at ?? null,
        ...(report?.stopped ? { stopped: true } : {}),
      });
      continue;
    }
    workersUp++;
    workers.push({ worker, up: true, broker: report.broker.state });
    const reason = report.broker.reason === undefined ? {} : { reason: report.broker.reason };
    if (report.broker.state === 'no_session') {
      problems.push({ code: 'ingest.no_broker_session', worker, ...reason });
    } else if (report.broker.state === 'unreachable') {
      problems.push({ code: 'broker.unreachable', worker, ...reason });
    }
    if (report.counters && (!counters || report.counters.at > counters.at)) {
      counters = report.counters;
    }
  }
  if (counters && counters.droppedRecent > 0) {
    problems.push({
      code: 'broker.dropped',
      count: counters.droppedRecent,
      windowS: BROKER_DROPS_WINDOW_MS / 1000,
    });
  }
  return {
    ok: problems.every((p) => PIPELINE_WARNINGS.includes(p.code)),
    workersUp,
    workers,
    problems,
    ...(counters ? { counters } : {}),
  };
}
