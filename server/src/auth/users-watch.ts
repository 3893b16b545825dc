import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@cc/shared/node';

/** Editors and deploy tools write a file in several steps: wait for them to finish. */
const SETTLE_MS = 200;

/**
 * Calls `onChange` once a burst of changes to the file has settled. Watches the directory, not
 * the file: an editor or a deploy tool that replaces the file (write a copy, rename it over)
 * would leave a watch on the old file blind. SIGHUP reloads too (see main.ts), for file systems
 * that report nothing.
 */
export function watchFile(file: string, onChange: () => void, log: Logger): { close(): void } {
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(path.resolve(file)), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, SETTLE_MS);
    });
    watcher.on('error', (err) =>
      log.warn({ err: err.message, file }, 'cannot watch the users file; reload with SIGHUP'),
    );
  } catch (err) {
    log.warn(
      { err: (err as Error).message, file },
      'cannot watch the users file; reload with SIGHUP',
    );
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
