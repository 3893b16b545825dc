import type { Order, Resource, ResourceStatus } from '@cc/shared';

type LngLat = [number, number];

/** Points kept per followed unit: a drive of an hour at one fix every 7 s. */
export const TRAIL_MAX_POINTS = 500;

/** Statuses of a dispatched unit the map follows: on its way, then there. */
export const FOLLOWED: readonly ResourceStatus[] = ['dispatched', 'en_route', 'on_scene'];

/**
 * The units the tablet follows, each with the incident it goes to: its newest dispatch order,
 * not recalled since, while its own status says it is dispatched, on its way or on scene. Pure.
 */
export function followedUnits(
  orders: Iterable<Order>,
  resources: ReadonlyMap<string, Resource>,
): Map<string, string> {
  const dispatch = new Map<string, Order>();
  const recall = new Map<string, Order>();
  for (const o of orders) {
    const into = o.kind === 'dispatch' ? dispatch : recall;
    const prev = into.get(o.resourceId);
    if (!prev || o.sentAt > prev.sentAt) into.set(o.resourceId, o);
  }
  const followed = new Map<string, string>();
  for (const [id, d] of dispatch) {
    const r = recall.get(id);
    if (r && r.sentAt >= d.sentAt) continue;
    if (d.status === 'refused' || d.incidentId === undefined) continue;
    const status = resources.get(id)?.status;
    if (status && FOLLOWED.includes(status)) followed.set(id, d.incidentId);
  }
  return followed;
}

/**
 * Where each followed unit has been since this tablet began following it: the places it was
 * seen at, oldest first, at most TRAIL_MAX_POINTS. Mutable on purpose (a cache the map reads,
 * fed from the store's positions, never state React renders from).
 */
export class UnitTrails {
  private readonly points = new Map<string, LngLat[]>();

  /**
   * Takes in where the followed units are now (`at`); a unit no longer followed is forgotten.
   * Answers whether any trail changed.
   */
  update(at: ReadonlyMap<string, readonly [number, number]>): boolean {
    let changed = false;
    for (const id of this.points.keys())
      if (!at.has(id)) {
        this.points.delete(id);
        changed = true;
      }
    for (const [id, location] of at) {
      let trail = this.points.get(id);
      if (!trail) this.points.set(id, (trail = []));
      const tip = trail[trail.length - 1];
      if (tip && tip[0] === location[0] && tip[1] === location[1]) continue;
      trail.push([location[0], location[1]]);
      if (trail.length > TRAIL_MAX_POINTS) trail.shift();
      changed = true;
    }
    return changed;
  }

  /** A unit's trail (a copy), or an empty one. */
  trail(id: string): LngLat[] {
    return [...(this.points.get(id) ?? [])];
  }
}
