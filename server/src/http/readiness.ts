import {
  describeProblem,
  type ArchiveStatus,
  PIPELINE_WARNINGS,
  type BrokerCounters,
  type PipelineProblem,
  type PipelineStatus,
} from '@cc/shared';

/** A problem `/readyz` names: the pipeline's, or the server's own. */
export type ReadinessProblem = (
  PipelineProblem | { code: 'redis.unreachable' } | { code: 'stream_tail.failing' }
) & { message: string; warning?: true };

/** `GET /readyz`'s body (documented in docs/api.md). */
export interface Readiness {
  status: 'ready' | 'not ready';
  checks: {
    /** Redis answers this server. */
    redis: boolean;
    /** This server's stream tail reads. */
    streamTail: boolean;
    /** Every ingest worker that ever reported still does. */
    ingest: boolean;
    /** Every live worker has its session with the broker. */
    broker: boolean;
  };
  /** What is wrong, most basic first, each with a message naming the worker; warnings last. */
  problems: ReadinessProblem[];
  /** Ingest workers whose liveness record is live; null when Redis did not answer. */
  workersUp: number | null;
  /** The broker's own counters, as the worker that heard them last reported them. */
  broker: BrokerCounters | null;
  /**
   * The archive (PostgreSQL, fed by the archiver): whether the archiver runs and writes, and how
   * far behind the events stream it is. Informative only: the screens do not need it, so it
   * never makes the server unready. Null when no archiver is deployed or Redis did not answer.
   */
  archive: ArchiveStatus | null;
}

const BROKER_CODES: readonly string[] = ['ingest.no_broker_session', 'broker.unreachable'];

/** Whether this server can serve a current picture, and if not, why; pure. */
export function readiness(input: {
  redis: boolean;
  streamTail: boolean;
  pipeline: PipelineStatus | undefined;
  archive?: ArchiveStatus | null | undefined;
}): Readiness {
  const problems: ReadinessProblem[] = [];
  if (!input.redis) problems.push({ code: 'redis.unreachable', message: 'Redis does not answer' });
  if (!input.streamTail) {
    problems.push({
      code: 'stream_tail.failing',
      message: 'the server cannot read the event stream',
    });
  }
  for (const p of input.pipeline?.problems ?? []) {
    problems.push({
      ...p,
      message: describeProblem(p),
      ...(PIPELINE_WARNINGS.includes(p.code) ? { warning: true as const } : {}),
    });
  }
  const pipeline = input.pipeline?.problems ?? [];
  const checks = {
    redis: input.redis,
    streamTail: input.streamTail,
    // Unknown without Redis: not ready anyway.
    ingest:
      input.pipeline !== undefined &&
      !pipeline.some((p) => p.code === 'ingest.none' || p.code === 'ingest.down'),
    broker: input.pipeline !== undefined && !pipeline.some((p) => BROKER_CODES.includes(p.code)),
  };
  const ready = Object.values(checks).every(Boolean);
  return {
    status: ready ? 'ready' : 'not ready',
    checks,
    problems,
    workersUp: input.pipeline?.workersUp ?? null,
    broker: input.pipeline?.counters ?? null,
    archive: input.archive ?? null,
  };
}
