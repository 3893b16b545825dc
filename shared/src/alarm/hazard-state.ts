import type { Hazard, HazardState, Reading } from '../model/entities';
import { stage } from './levels';

/** Silence longer than this many expected intervals reads as offline. */
export const OFFLINE_INTERVALS = 3;

/**
 * The live state a hazard is drawn in: the worst stage among its sensors; offline when none of
 * them has reported within its expected interval and none holds an alarm.
 */
export function hazardState(
  hazard: Hazard,
  readings: ReadonlyMap<string, Reading> | Record<string, Reading | undefined>,
  now: number,
): HazardState {
  // Any ReadonlyMap (the client's are not `Map` instances), or a plain record.
  const get =
    typeof readings.get === 'function'
      ? (id: string) => (readings as ReadonlyMap<string, Reading>).get(id)
      : (id: string) => (readings as Record<string, Reading | undefined>)[id];
  let worst = 0;
  let fresh = false;
  for (const sensor of hazard.sensors) {
    const r = get(sensor.id);
    if (!r) continue;
    worst = Math.max(worst, stage(r.level));
    if (now - r.ts <= sensor.interval * 1000 * OFFLINE_INTERVALS) fresh = true;
  }
  if (worst === 2) return 'highhigh';
  if (worst === 1) return 'high';
  return fresh ? 'normal' : 'offline';
}
