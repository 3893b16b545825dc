import type { FeedContext } from '../feeds/context';
import { sweepExpiredWarnings } from './expiry';
import { createLivenessSweep } from './liveness';
import { startSweeper } from './loop';
import { pruneRemoved } from './prune';
import { reconcileWatch } from '../watch/watch';
import { sweepZones } from '../zones/zones';
import { createCoverageSweep } from '../fire-coverage/coverage';
import type { RoadNetwork } from '../../../server/src/query/roads/network';

/** How often removed entities' leftovers are pruned: they only matter as they pile up. */
const PRUNE_INTERVAL_MS = 10 * 60_000;

/** Starts ingest's background sweeps: warning expiry, watch flags, offline detection, pruning. */
export function startSweepers(
  ctx: FeedContext,
  {
    intervalMs,
    liveness,
    coverage,
  }: {
    intervalMs: number;
    liveness: boolean;
    /** Fire-rescue coverage (fire-coverage/coverage.ts): the target, and the road network if any. */
    coverage?: { targetMinutes: number; roads?: RoadNetwork | undefined };
  },
) {
  const sweepers = [
    startSweeper({
      name: 'warning-expiry',
      intervalMs,
      log: ctx.log,
      run: async () => void (await sweepExpiredWarnings(ctx)),
    }),
    // Watch flags: set by warnings over hazards and places, cleared as they end (cancel, expiry).
    startSweeper({
      name: 'watch',
      intervalMs,
      log: ctx.log,
      run: async () => void (await reconcileWatch(ctx)),
    }),
    // Protective-action zones: follow incidents, the wind and overrides (zones/zones.ts).
    startSweeper({
      name: 'zones',
      intervalMs,
      log: ctx.log,
      run: async () => void (await sweepZones(ctx)),
    }),
    startSweeper({
      name: 'prune',
      intervalMs: Math.max(intervalMs, PRUNE_INTERVAL_MS),
      log: ctx.log,
      run: async () => void (await pruneRemoved(ctx)),
    }),
  ];
  if (coverage) {
    const sweepCoverage = createCoverageSweep(ctx, coverage);
    sweepers.push(
      startSweeper({
        name: 'coverage',
        intervalMs,
        log: ctx.log,
        run: async () => void (await sweepCoverage()),
      }),
    );
  }
  if (liveness) {
    const sweepLiveness = createLivenessSweep(ctx);
    sweepers.push(
      startSweeper({
        name: 'liveness',
        intervalMs,
        log: ctx.log,
        run: async () => void (await sweepLiveness()),
      }),
    );
  }
  let closing: Promise<void> | undefined;
  return {
    /** Stops both; waits for passes in flight. Idempotent. */
    close(): Promise<void> {
      closing ??= Promise.all(sweepers.map((s) => s.close())).then(() => undefined);
      return closing;
    },
  };
}
