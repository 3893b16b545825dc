import type { Position } from '@cc/shared';

/** Points kept per resource: a short tail of where it has just been. */
export const TRAIL_POINTS = 12;

/**
 * Recent positions of moving resources, fed from the store's positions map. Keeps only positions
 * that moved, at most TRAIL_POINTS per resource; mutable on purpose (it is a cache the map reads
 * once a second, never state React renders from).
 */
export class TrailBuffer {
  private readonly points = new Map<string, [number, number][]>();
  private last: ReadonlyMap<string, Position> = new Map();

  /** Takes in what changed since the last call (by identity); O(positions). */
  update(positions: ReadonlyMap<string, Position>): void {
    if (positions === this.last) return;
    for (const [id, position] of positions) {
      if (this.last.get(id) === position) continue;
      let trail = this.points.get(id);
      if (!trail) this.points.set(id, (trail = []));
      const tip = trail[trail.length - 1];
      if (tip && tip[0] === position.location[0] && tip[1] === position.location[1]) continue;
      trail.push(position.location);
      if (trail.length > TRAIL_POINTS) trail.shift();
    }
    for (const id of this.points.keys()) if (!positions.has(id)) this.points.delete(id);
    this.last = positions;
  }

  /** Trails of two points or more. */
  *trails(): Generator<[string, [number, number][]]> {
    for (const [id, trail] of this.points) if (trail.length >= 2) yield [id, trail];
  }
}
