import type { Logger } from '@cc/shared/node';

export interface SweeperOptions {
  name: string;
  intervalMs: number;
  log: Logger;
  /** One pass; may throw (Redis down): the loop logs, backs off and carries on. */
  run: () => Promise<void>;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Runs `run` every `intervalMs` (measured from the end of the previous pass, so passes never
 * overlap). A failing pass is logged and retried with exponential backoff; the loop never dies.
 * `close()` is idempotent and waits for a pass in flight.
 */
export function startSweeper({ name, intervalMs, log, run }: SweeperOptions) {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;
  let failures = 0;

  const schedule = (delay: number) => {
    if (!closed) timer = setTimeout(tick, delay);
  };
  const tick = () => {
    inFlight = run().then(
      () => {
        failures = 0;
        schedule(intervalMs);
      },
      (err: unknown) => {
        failures++;
        const delay = Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS);
        log.warn({ sweeper: name, err: (err as Error).message, retryInMs: delay }, 'sweep failed');
        schedule(delay);
      },
    );
  };
  schedule(intervalMs);

  let closing: Promise<void> | undefined;
  return {
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        clearTimeout(timer);
        await inFlight;
      })();
      return closing;
    },
  };
}
export type Sweeper = ReturnType<typeof startSweeper>;
