import {
  INGEST_REPORT_MS,
  IngestReport,
  pipelineStatus,
  type IngestWorkerRecord,
  type PipelineStatus,
} from '@cc/shared';
import type { Keys, Logger, Redis } from '@cc/shared/node';

function parseReport(json: string | null | undefined): IngestReport | undefined {
  if (json === null || json === undefined) return undefined;
  try {
    return IngestReport.parse(JSON.parse(json));
  } catch {
    // An unreadable record says nothing: its worker reads as down.
    return undefined;
  }
}

/** What the ingest workers' liveness records say about the pipeline, read now. */
export async function readPipeline(redis: Redis, keys: Keys): Promise<PipelineStatus> {
  const last = await redis.hGetAll(keys.ingestWorkers);
  const workers = Object.keys(last);
  const live = workers.length > 0 ? await redis.mGet(workers.map(keys.ingestAlive)) : [];
  const records: IngestWorkerRecord[] = workers.map((worker, i) => {
    const alive = parseReport(live[i]);
    return { worker, alive: alive !== undefined, report: alive ?? parseReport(last[worker]) };
  });
  return pipelineStatus(records);
}

/** `readPipeline`, or undefined when Redis does not answer within `ms`. */
export function readPipelineWithin(
  redis: Redis,
  keys: Keys,
  ms: number,
): Promise<PipelineStatus | undefined> {
  return Promise.race([
    readPipeline(redis, keys).catch(() => undefined),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref()),
  ]);
}

/** What changes the picture a person gets of the pipeline (not the counters' timestamps). */
const gist = (s: PipelineStatus | undefined) => (s ? JSON.stringify(s.problems) : '');

/**
 * Reads the pipeline's state every `intervalMs` for the screens' heartbeat; `onChange` hears of
 * a change at once (a worker going down, a session lost) rather than at the next heartbeat.
 */
export function watchPipeline(options: {
  redis: Redis;
  keys: Keys;
  log: Logger;
  onChange: (status: PipelineStatus | undefined) => void;
  intervalMs?: number;
}) {
  const { redis, keys } = options;
  const intervalMs = options.intervalMs ?? INGEST_REPORT_MS;
  let current: PipelineStatus | undefined;
  let reading = false;
  const poll = async () => {
    if (reading) return;
    reading = true;
    const next = await readPipelineWithin(redis, keys, intervalMs * 2);
    reading = false;
    const changed = gist(next) !== gist(current);
    current = next;
    if (changed) {
      if (next && !next.ok) {
        options.log.warn({ problems: next.problems }, 'pipeline: nothing new may be stored');
      }
      options.onChange(next);
    }
  };
  void poll();
  const timer = setInterval(() => void poll(), intervalMs);
  return {
    /** The last state read; undefined while Redis does not answer. */
    current: () => current,
    close() {
      clearInterval(timer);
    },
  };
}
export type PipelineWatch = ReturnType<typeof watchPipeline>;
