import { describe, expect, it } from 'vitest';
import {
  applySnapshot,
  applyTelemetry,
  initialLiveData,
} from '../../client/src/store/live-reducers';
import { reading, snapshot } from './client-store-fixtures';

describe('client store: telemetry', () => {
  const base = applySnapshot(
    initialLiveData(),
    snapshot({ readings: [reading('s1', 5_000, 1), reading('s2', 5_000, 2)], positions: [] }),
    1,
  );

  it('drops a reading older than the stored one', () => {
    const state = applyTelemetry(base, { readings: [reading('s1', 4_999, 99)], positions: [] }, 2);
    expect(state.readings.get('s1')?.value).toBe(1);
    expect(state.readings).toBe(base.readings);
    expect(state.lastMessageAt).toBe(2);
  });

  it('keeps a reading at the same or a later time, and new sensors', () => {
    const state = applyTelemetry(
      base,
      {
        readings: [reading('s1', 5_000, 10), reading('s2', 6_000, 20, 'H'), reading('s3', 1, 30)],
        positions: [],
      },
      2,
    );
    expect(state.readings.get('s1')?.value).toBe(10);
    expect(state.readings.get('s2')).toEqual(reading('s2', 6_000, 20, 'H'));
    expect(state.readings.get('s3')?.value).toBe(30);
  });

  it('resolves the newest reading within one frame regardless of order', () => {
    const state = applyTelemetry(
      base,
      { readings: [reading('s1', 7_000, 7), reading('s1', 6_000, 6)], positions: [] },
      2,
    );
    expect(state.readings.get('s1')?.value).toBe(7);
  });
});
