import { describe, expect, it } from 'vitest';
import { applyEvents, applySnapshot, initialLiveData } from '../../client/src/store/live-reducers';
import { alarm, alarmEvent, hazard, hazardEvent, snapshot } from './client-store-fixtures';

describe('client store: snapshot then events', () => {
  it('replaces everything with the snapshot and resumes from its event id', () => {
    const before = applySnapshot(initialLiveData(), snapshot(), 5);
    const state = applySnapshot(
      before,
      snapshot({
        eventId: '1700000000500-2',
        hazards: [hazard('safety:h9')],
        readings: [],
        alarms: [alarm('a1', 'active'), alarm('a2', 'cleared')],
      }),
      10,
    );
    expect([...state.hazards.keys()]).toEqual(['safety:h9']);
    expect(state.readings.size).toBe(0);
    expect([...state.alarms.keys()]).toEqual(['a1']);
    expect(state.lastEventId).toBe('1700000000500-2');
    expect(state.snapshotAt).toBe(1_700_000_000_000);
    expect(state.lastMessageAt).toBe(10);
  });

  it('applies later events in order on top of the snapshot', () => {
    const base = applySnapshot(initialLiveData(), snapshot(), 5);
    const renamed = hazard('safety:h1', { name: '改名后' });
    const state = applyEvents(
      base,
      {
        events: [
          hazardEvent('1700000000001-0', hazard('safety:h3')),
          alarmEvent('1700000000002-0', alarm('a1', 'active')),
          alarmEvent('1700000000003-0', alarm('a1', 'active', { level: 'HH', lastValue: 1.6 })),
          hazardEvent('1700000000003-1', renamed),
        ],
      },
      20,
    );
    expect([...state.hazards.keys()].sort()).toEqual(['safety:h1', 'safety:h2', 'safety:h3']);
    expect(state.hazards.get('safety:h1')?.name).toBe('改名后');
    expect(state.alarms.get('a1')?.level).toBe('HH');
    expect(state.lastEventId).toBe('1700000000003-1');
    expect(state.lastMessageAt).toBe(20);
  });

  it('applies events that arrive before any snapshot', () => {
    const state = applyEvents(
      initialLiveData(),
      { events: [hazardEvent('5-0', hazard('safety:h1'))] },
      1,
    );
    expect(state.hazards.has('safety:h1')).toBe(true);
    expect(state.lastEventId).toBe('5-0');
  });
});
