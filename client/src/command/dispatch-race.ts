import type { Order, Resource, SupportResponse } from '@cc/shared';

/** A unit decision support suggests, with its distance and time to the incident. */
export type Candidate = SupportResponse['resources'][number]['candidates'][number];
type Groups = SupportResponse['resources'];

/** Orders that still hold a unit (not yet done or refused by the agency). */
const HOLDING: readonly Order['status'][] = ['sent', 'acknowledged'];

/**
 * The incident a unit went to instead, as the picture knows it: its newest dispatch order to
 * another incident that still holds it. Pure.
 */
export function takenBy(
  resourceId: string,
  orders: Iterable<Order>,
  incidentId: string,
): string | undefined {
  let newest: Order | undefined;
  for (const o of orders) {
    if (o.kind !== 'dispatch' || o.resourceId !== resourceId || o.incidentId === incidentId)
      continue;
    if (!newest || o.sentAt > newest.sentAt) newest = o;
  }
  return newest && HOLDING.includes(newest.status) ? newest.incidentId : undefined;
}

/**
 * The unit to offer in place of one that cannot go: of the same type, available in the live
 * picture, not among `exclude` (the units picked or in the command), the first in decision
 * support's order (the one that would arrive first). Pure.
 */
export function nextBest(
  groups: Groups,
  type: Resource['type'] | undefined,
  exclude: ReadonlySet<string>,
  resources: ReadonlyMap<string, Resource>,
): Candidate | undefined {
  if (type === undefined) return undefined;
  const group = groups.find((g) => g.type === type);
  return group?.candidates.find((c) => {
    const status = resources.get(c.resource.id)?.status ?? c.resource.status;
    return status === 'available' && !exclude.has(c.resource.id);
  });
}

/**
 * Fresh suggestions that keep the picked units where they were: a picked unit the new list no
 * longer has (someone else took it) stays at its old place instead of vanishing while it is
 * still selected, so nothing shifts under the finger. Pure; `next` when nothing is kept.
 */
export function keepPicked(prev: Groups, next: Groups, picked: ReadonlySet<string>): Groups {
  if (picked.size === 0) return next;
  let changed = false;
  const groups = next.map((g) => {
    const old = prev.find((p) => p.type === g.type);
    if (!old) return g;
    const ids = new Set(g.candidates.map((c) => c.resource.id));
    const candidates = [...g.candidates];
    let kept = false;
    old.candidates.forEach((c, i) => {
      if (!picked.has(c.resource.id) || ids.has(c.resource.id)) return;
      candidates.splice(Math.min(i, candidates.length), 0, c);
      kept = true;
    });
    changed ||= kept;
    return kept ? { ...g, candidates } : g;
  });
  return changed ? groups : next;
}
