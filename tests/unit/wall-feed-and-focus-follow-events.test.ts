import { describe, expect, it } from 'vitest';
import type { Incident, StampedEvent } from '@cc/shared';
import { createAppStore } from '../../client/src/store/create-app-store';
import { happenings, DEFAULT_FOCUS_RULES } from '../../client/src/store/happenings';
import { wallStaleness } from '../../client/src/store/derived';
import { alarm, alarmEvent, snapshot } from './client-store-fixtures';

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    agency: 'fire',
    ts: 5_000,
    type: 'fire',
    category: 'accident_disaster',
    level: 'IV',
    status: 'reported',
    title: `火灾 ${id}`,
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    location: [119.95, 31.78],
    ...overrides,
  };
}

const incidentEvent = (id: string, data: Incident): StampedEvent => ({
  id,
  kind: 'incident',
  op: 'upsert',
  data,
});

function storeWithPicture() {
  const store = createAppStore(() => 10_000);
  store.getState().applySnapshot(snapshot());
  return store;
}

describe('the wall follows events', () => {
  it('queues a new level II incident and a high-high alarm for focus, not lesser ones', () => {
    const store = storeWithPicture();
    store.getState().applyEvents({
      events: [
        incidentEvent('1700000000001-0', incident('fire:a', { level: 'IV' })),
        incidentEvent('1700000000002-0', incident('fire:b', { level: 'II' })),
        alarmEvent('1700000000003-0', alarm('a1', 'active', { level: 'H', peak: 'H' })),
        alarmEvent('1700000000004-0', alarm('a2', 'active', { level: 'HH', peak: 'HH' })),
      ],
    });
    expect(store.getState().focusQueue.map((f) => f.entityId)).toEqual(['fire:b', 'a2']);
    // Newest first, one line each.
    expect(
      store
        .getState()
        .feedLines.slice(0, 4)
        .map((l) => l.key),
    ).toEqual(['feed.alarmRaised', 'feed.alarmRaised', 'feed.incidentNew', 'feed.incidentNew']);
    expect(store.getState().feedLines[0]?.severity).toBe('critical');
    store.getState().dequeueFocus();
    expect(store.getState().focusQueue.map((f) => f.entityId)).toEqual(['a2']);
  });

  it('focuses on an escalation into level II and an alarm rising to high-high, once', () => {
    const store = storeWithPicture();
    store.getState().applyEvents({
      events: [
        incidentEvent('1700000000001-0', incident('fire:a', { level: 'III' })),
        alarmEvent('1700000000002-0', alarm('a1', 'active', { level: 'H', peak: 'H' })),
      ],
    });
    expect(store.getState().focusQueue).toEqual([]);
    store.getState().applyEvents({
      events: [
        incidentEvent('1700000000003-0', incident('fire:a', { level: 'II', ts: 6_000 })),
        alarmEvent('1700000000004-0', alarm('a1', 'active', { level: 'HH', peak: 'HH' })),
        // Further updates at the same level are not new.
        incidentEvent(
          '1700000000005-0',
          incident('fire:a', { level: 'II', ts: 7_000, status: 'responding' }),
        ),
        alarmEvent(
          '1700000000006-0',
          alarm('a1', 'active', { level: 'HH', peak: 'HH', lastValue: 2 }),
        ),
      ],
    });
    expect(store.getState().focusQueue.map((f) => f.entityId)).toEqual(['fire:a', 'a1']);
    expect(
      store
        .getState()
        .feedLines.slice(0, 3)
        .map((l) => l.key),
    ).toEqual(['feed.incidentStatus', 'feed.alarmLevel', 'feed.incidentEscalated']);
  });

  it('skips events already applied (a replay after reconnect) and closed incidents', () => {
    const store = storeWithPicture();
    const batch = {
      events: [incidentEvent('1700000000001-0', incident('fire:b', { level: 'I' }))],
    };
    store.getState().applyEvents(batch);
    store.getState().applyEvents(batch);
    expect(store.getState().focusQueue).toHaveLength(1);
    const before = store.getState();
    const closed = happenings(
      [incidentEvent('1700000000009-0', incident('fire:c', { level: 'I', status: 'closed' }))],
      before,
      DEFAULT_FOCUS_RULES,
      0,
    );
    expect(closed.focus).toEqual([]);
  });

  it('starts the feed from the picture: open incidents and active alarms, newest first', () => {
    const store = createAppStore(() => 10_000);
    store.getState().applySnapshot(
      snapshot({
        incidents: [
          incident('fire:a', { ts: 3_000 }),
          incident('fire:z', { ts: 9_000, status: 'closed' }),
        ],
        alarms: [alarm('a1', 'active', { raisedAt: 4_000 })],
      }),
    );
    expect(store.getState().feedLines.map((l) => l.id)).toEqual(['alarm/a1', 'incident/fire:a']);
    expect(store.getState().focusQueue).toEqual([]);
  });
});

describe('wall staleness', () => {
  const live = { state: 'live', since: 1_000 };
  it('is stale when disconnected, silent past the bound, or the server is behind', () => {
    expect(wallStaleness({ state: 'offline', since: 0 }, 5_000, true, 5_000, 10_000)).toBe(
      'offline',
    );
    expect(wallStaleness(live, 5_000, true, 14_000, 10_000)).toBeNull();
    expect(wallStaleness(live, 5_000, true, 15_001, 10_000)).toBe('silent');
    expect(wallStaleness(live, 5_000, false, 6_000, 10_000)).toBe('behind');
  });

  it('counts a heartbeat as a message', () => {
    let now = 10_000;
    const store = createAppStore(() => now);
    store.getState().setConnection('live');
    now = 30_000;
    store.getState().heartbeat({ at: now, tail: true });
    const s = store.getState();
    expect(wallStaleness(s.connection, s.lastMessageAt, s.serverTail, 31_000, 10_000)).toBeNull();
  });
});
