// Builders shared by the tablet's unit tests (tests/unit/command-*.test.ts).
import type { Incident, Order, Resource } from '@cc/shared';

export function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    agency: 'fire',
    ts: 1_000,
    type: 'fire',
    category: 'accident_disaster',
    level: 'IV',
    status: 'reported',
    title: `事件 ${id}`,
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    location: [119.95, 31.78],
    ...overrides,
  };
}

export function order(id: string, overrides: Partial<Order> = {}): Order {
  return {
    id,
    agency: 'fire',
    kind: 'dispatch',
    incidentId: 'fire:i1',
    resourceId: 'fire:u1',
    status: 'sent',
    by: 'commander-1',
    sentAt: 10_000,
    updatedAt: 10_000,
    ts: 10_000,
    ...overrides,
  };
}

export function resource(id: string, overrides: Partial<Resource> = {}): Resource {
  return {
    id,
    agency: 'fire',
    ts: 1_000,
    type: 'fire_engine',
    name: `车 ${id}`,
    status: 'available',
    location: [119.9, 31.8],
    ...overrides,
  };
}

/** A recall order: recalls name no incident. */
export function recall(id: string, overrides: Partial<Order> = {}): Order {
  const o: Partial<Order> = order(id, { kind: 'recall', ...overrides });
  delete o.incidentId;
  return o as Order;
}
