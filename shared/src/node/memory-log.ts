import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { Logger } from './logger';

const MiB = 1024 * 1024;

/**
 * The heap in use outside the young generation (`old`; read right after a full collection, what
 * it left: the young generation's objects are mostly garbage) and the memory V8 holds for the
 * young generation (`young`).
 */
function heapParts(): { old: number; young: number } {
  let old = 0;
  let young = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name.startsWith('new_')) young += space.physical_space_size;
    else old += space.space_used_size;
  }
  return { old, young };
}

/**
 * Logs the process's memory every `everyMs` (message `memory`): its RSS, the heap in use, and
 * the heap outside the young generation right after the last full collection (`liveMiB`, null
 * before the first one), and where the rest of the RSS is: the heap V8 holds (`heapTotalMiB`),
 * the young generation's part of it (`youngMiB`), and memory outside the heap (`externalMiB`).
 * `liveMiB` is what grows when something leaks; RSS also moves with the size V8 gives its young
 * generation at the moment (by up to about 140 MiB either way when only its maximum is set; ingest
 * and the server fix it, see their node-flags.ts).
 */
export function logMemory(log: Logger, everyMs = 60_000): () => void {
  let live: number | null = null;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as { detail?: { kind?: number } }[]) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = heapParts().old;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
    log.info(
      {
        rssMiB: mib(rss),
        heapMiB: mib(heapUsed),
        liveMiB: live === null ? null : mib(live),
        heapTotalMiB: mib(heapTotal),
        youngMiB: mib(heapParts().young),
        externalMiB: mib(external),
      },
      'memory',
    );
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    observer.disconnect();
  };
}
