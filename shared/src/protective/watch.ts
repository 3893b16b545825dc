import { areaContains } from '../geo/measure';
import type { LngLat } from '../feed/common';
import type { WarningSignal } from '../feed/warning';
import type { Warning, Watch } from '../model/entities';

/** Signal order, blue lowest. */
export const SIGNAL_SEVERITY: Record<WarningSignal, number> = {
  blue: 1,
  yellow: 2,
  orange: 3,
  red: 4,
};

/** Whether a warning's area (any of its areas) covers a point. */
export function covers(warning: Pick<Warning, 'areas'>, at: LngLat): boolean {
  return warning.areas.some((a) => areaContains(a.geometry, at));
}

/**
 * The watch flag a point should carry: the most severe signal among the warnings in force that
 * cover it (a tie keeps the warning already flagged, else the earliest issued). `since` stays
 * while the flag's signal and warning stay; otherwise it is `now`. Pure.
 */
export function watchFor(
  at: LngLat,
  warnings: readonly Warning[],
  prev: Watch | undefined,
  now: number,
): Watch | undefined {
  let best: Warning | undefined;
  for (const w of warnings) {
    if (w.expires <= now || (w.onset !== undefined && w.onset > now) || !covers(w, at)) continue;
    if (!best) best = w;
    else {
      const d = SIGNAL_SEVERITY[w.signal] - SIGNAL_SEVERITY[best.signal];
      if (d > 0) best = w;
      else if (d === 0 && best.id !== prev?.warningId) {
        if (w.id === prev?.warningId || w.ts < best.ts) best = w;
      }
    }
  }
  if (!best) return undefined;
  if (prev && prev.warningId === best.id && prev.signal === best.signal) return prev;
  return { signal: best.signal, warningId: best.id, since: now };
}
