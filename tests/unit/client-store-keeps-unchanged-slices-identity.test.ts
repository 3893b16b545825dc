import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  applySnapshot,
  applyTelemetry,
  initialLiveData,
} from '../../client/src/store/live-reducers';
import { alarm, alarmEvent, hazard, hazardEvent, reading, snapshot } from './client-store-fixtures';

describe('client store: identity of unchanged slices', () => {
  const base = applySnapshot(initialLiveData(), snapshot({ eventId: '10-0' }), 1);

  it('an alarm event leaves hazards and readings untouched', () => {
    const state = applyEvents(base, { events: [alarmEvent('11-0', alarm('a1', 'active'))] }, 2);
    expect(state.alarms).not.toBe(base.alarms);
    expect(state.hazards).toBe(base.hazards);
    expect(state.readings).toBe(base.readings);
  });

  it('a hazard event copies the hazards map once and never mutates the old one', () => {
    const oldHazards = base.hazards;
    const state = applyEvents(
      base,
      {
        events: [
          hazardEvent('11-0', hazard('safety:h3')),
          hazardEvent('12-0', hazard('safety:h4')),
        ],
      },
      2,
    );
    expect(state.hazards.size).toBe(4);
    expect(oldHazards.size).toBe(2);
    expect(state.alarms).toBe(base.alarms);
    // Untouched entities are the same objects: layers keyed on them need no rebuild.
    expect(state.hazards.get('safety:h1')).toBe(base.hazards.get('safety:h1'));
  });

  it('telemetry leaves entities other than readings untouched', () => {
    const state = applyTelemetry(
      base,
      { readings: [reading('safety:h1/s1', 9_000, 1.3, 'H')], positions: [] },
      2,
    );
    expect(state.readings).not.toBe(base.readings);
    expect(state.hazards).toBe(base.hazards);
    expect(state.alarms).toBe(base.alarms);
    expect(state.readings.get('safety:h2/s1')).toBe(base.readings.get('safety:h2/s1'));
  });

  it('an empty or fully replayed batch changes no map', () => {
    const state = applyEvents(base, { events: [hazardEvent('9-0', hazard('safety:x'))] }, 2);
    expect(state.hazards).toBe(base.hazards);
    expect(state.alarms).toBe(base.alarms);
    expect(state.readings).toBe(base.readings);
  });
});
