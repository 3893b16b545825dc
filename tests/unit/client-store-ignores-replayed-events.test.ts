import { describe, expect, it } from 'vitest';
import { applyEvents, applySnapshot, initialLiveData } from '../../client/src/store/live-reducers';
import { alarm, alarmEvent, hazard, hazardEvent, snapshot } from './client-store-fixtures';

describe('client store: replayed events', () => {
  const base = applySnapshot(initialLiveData(), snapshot({ eventId: '1700000000100-0' }), 1);

  it('ignores events at or before the snapshot id', () => {
    const state = applyEvents(
      base,
      {
        events: [
          hazardEvent('1700000000099-5', hazard('safety:old')),
          hazardEvent('1700000000100-0', hazard('safety:same')),
        ],
      },
      2,
    );
    expect(state.hazards.has('safety:old')).toBe(false);
    expect(state.hazards.has('safety:same')).toBe(false);
    expect(state.hazards).toBe(base.hazards);
    expect(state.lastEventId).toBe('1700000000100-0');
  });

  it('applies an event once when a reconnect replays it', () => {
    const first = applyEvents(
      base,
      { events: [alarmEvent('1700000000101-0', alarm('a1', 'active'))] },
      2,
    );
    // The alarm clears, then a replay repeats the older "active" event: it must not resurrect.
    const cleared = applyEvents(
      first,
      { events: [alarmEvent('1700000000102-0', alarm('a1', 'cleared'))] },
      3,
    );
    const replayed = applyEvents(
      cleared,
      {
        events: [
          alarmEvent('1700000000101-0', alarm('a1', 'active')),
          alarmEvent('1700000000102-0', alarm('a1', 'cleared')),
          hazardEvent('1700000000103-0', hazard('safety:new')),
        ],
      },
      4,
    );
    expect(replayed.alarms.has('a1')).toBe(false);
    expect(replayed.hazards.has('safety:new')).toBe(true);
    expect(replayed.lastEventId).toBe('1700000000103-0');
  });

  it('compares ids numerically, not as strings', () => {
    const state = applyEvents(
      applyEvents(base, { events: [hazardEvent('1700000000100-9', hazard('safety:a'))] }, 2),
      { events: [hazardEvent('1700000000100-10', hazard('safety:b'))] },
      3,
    );
    expect(state.hazards.has('safety:b')).toBe(true);
    expect(state.lastEventId).toBe('1700000000100-10');
  });
});
