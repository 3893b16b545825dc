import { describe, expect, it } from 'vitest';
import { applyEvents, applySnapshot, initialLiveData } from '../../client/src/store/live-reducers';
import { alarm, alarmEvent, snapshot } from './client-store-fixtures';

describe('client store: alarms', () => {
  const base = applySnapshot(
    initialLiveData(),
    snapshot({ eventId: '10-0', alarms: [alarm('a1', 'active'), alarm('a2', 'active')] }),
    1,
  );

  it('removes an alarm when it clears', () => {
    const state = applyEvents(
      base,
      { events: [alarmEvent('11-0', alarm('a1', 'cleared', { clearedAt: 3_000 }))] },
      2,
    );
    expect([...state.alarms.keys()]).toEqual(['a2']);
  });

  it('never lists an alarm that is raised and cleared within one batch', () => {
    const state = applyEvents(
      base,
      {
        events: [
          alarmEvent('11-0', alarm('a3', 'active')),
          alarmEvent('12-0', alarm('a3', 'cleared')),
        ],
      },
      2,
    );
    expect(state.alarms.has('a3')).toBe(false);
  });

  it('keeps the alarms map when an unknown alarm clears', () => {
    const state = applyEvents(base, { events: [alarmEvent('11-0', alarm('zz', 'cleared'))] }, 2);
    expect(state.alarms).toBe(base.alarms);
    expect(state.lastEventId).toBe('11-0');
  });
});
