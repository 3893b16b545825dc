import { describe, expect, it } from 'vitest';
import type { StampedEvent } from '@cc/shared';
import { collect, engagedResources, timelineLines } from '../../client/src/command/timeline';
import { incident, order, recall, resource } from './command-fixtures';

const I = 'fire:i1';

describe("an incident's timeline", () => {
  it('takes the incident, its orders, recalls of its units and their reports after dispatch', () => {
    const events: StampedEvent[] = [
      { id: '1-0', kind: 'incident', op: 'upsert', data: incident(I, { ts: 1_000 }) },
      // A unit's report before it was sent here is not this incident's.
      {
        id: '2-0',
        kind: 'resource',
        op: 'upsert',
        data: resource('fire:u1', { ts: 5_000, status: 'available' }),
      },
      { id: '3-0', kind: 'order', op: 'upsert', data: order('fire:o1', { sentAt: 10_000 }) },
      {
        id: '4-0',
        kind: 'resource',
        op: 'upsert',
        data: resource('fire:u1', { ts: 10_001, status: 'dispatched' }),
      },
      { id: '5-0', kind: 'incident', op: 'upsert', data: incident('fire:other') },
      {
        id: '6-0',
        kind: 'order',
        op: 'upsert',
        data: order('fire:o1', { status: 'acknowledged', updatedAt: 11_000, reply: '已出动' }),
      },
      {
        id: '7-0',
        kind: 'resource',
        op: 'upsert',
        data: resource('fire:u1', { ts: 12_000, status: 'en_route' }),
      },
      // A position-like repeat of the same status says nothing new.
      {
        id: '8-0',
        kind: 'resource',
        op: 'upsert',
        data: resource('fire:u1', { ts: 12_500, status: 'en_route' }),
      },
      {
        id: '9-0',
        kind: 'order',
        op: 'upsert',
        data: recall('fire:o2', { sentAt: 13_000 }),
      },
      {
        id: '10-0',
        kind: 'resource',
        op: 'upsert',
        data: resource('fire:u2', { ts: 13_000, status: 'en_route' }),
      },
      {
        id: '11-0',
        kind: 'incident',
        op: 'upsert',
        data: incident(I, { ts: 14_000, status: 'responding', level: 'III' }),
      },
    ];
    const into = new Map<string, StampedEvent>();
    const engaged = engagedResources(I, []);
    expect(collect(into, I, engaged, events)).toBe(true);
    expect([...into.keys()]).toEqual(['1-0', '3-0', '4-0', '6-0', '7-0', '8-0', '9-0', '11-0']);
    // The same events again (a replay) add nothing.
    expect(collect(into, I, engaged, events)).toBe(false);

    const lines = timelineLines(into.values(), (id) => `name of ${id}`);
    expect(lines.map((l) => [l.id, l.key])).toEqual([
      ['11-0', 'status'],
      ['11-0', 'level'],
      ['9-0', 'feed.order.recall.sent'],
      ['7-0', 'feed.resourceStatus'],
      ['6-0', 'feed.order.dispatch.acknowledged'],
      ['4-0', 'feed.resourceStatus'],
      ['3-0', 'feed.order.dispatch.sent'],
      ['1-0', 'reported'],
    ]);
    expect(lines[4]!.values).toEqual({ resource: 'name of fire:u1', reply: '已出动' });
  });

  it('knows the units already sent from the orders in the picture', () => {
    const engaged = engagedResources(I, [
      order('fire:o1', { sentAt: 20_000 }),
      order('fire:o0', { sentAt: 15_000 }),
      order('fire:o9', { incidentId: 'fire:other', resourceId: 'fire:u9' }),
    ]);
    expect([...engaged]).toEqual([['fire:u1', 15_000]]);
  });
});
