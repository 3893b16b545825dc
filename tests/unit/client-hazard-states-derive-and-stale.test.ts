import { describe, expect, it } from 'vitest';
import {
  alarmsNewestFirst,
  countHazards,
  deriveHazardStates,
  isStale,
} from '../../client/src/store/derived';
import { alarm, hazard, reading } from './client-store-fixtures';

describe('client derived state', () => {
  const hazards = new Map([
    ['h1', hazard('h1')],
    ['h2', hazard('h2')],
    ['h3', hazard('h3')],
  ]);
  const readings = new Map([
    ['h1/s1', reading('h1/s1', 100_000, 1)],
    ['h2/s1', reading('h2/s1', 100_000, 1.6, 'HH')],
  ]);

  it('colours hazards by live state and counts them', () => {
    const states = deriveHazardStates(hazards, readings, 100_000);
    expect(Object.fromEntries(states)).toEqual({ h1: 'normal', h2: 'highhigh', h3: 'offline' });
    expect(countHazards(states)).toEqual({ total: 3, inAlarm: 1, offline: 1 });
  });

  it('turns a silent hazard offline as time passes', () => {
    // interval 10 s, offline after three intervals
    const states = deriveHazardStates(hazards, readings, 100_000 + 31_000);
    expect(states.get('h1')).toBe('offline');
    expect(states.get('h2')).toBe('highhigh');
  });

  it('returns the previous map when no state changed', () => {
    const first = deriveHazardStates(hazards, readings, 100_000);
    const moved = new Map(readings).set('h1/s1', reading('h1/s1', 101_000, 1.1));
    expect(deriveHazardStates(hazards, moved, 101_000, first)).toBe(first);
    const raised = new Map(readings).set('h1/s1', reading('h1/s1', 101_000, 1.3, 'H'));
    expect(deriveHazardStates(hazards, raised, 101_000, first)).not.toBe(first);
  });

  it('lists alarms newest first', () => {
    const alarms = new Map([
      ['a', alarm('a', 'active', { raisedAt: 1 })],
      ['b', alarm('b', 'active', { raisedAt: 3 })],
      ['c', alarm('c', 'active', { raisedAt: 2 })],
    ]);
    expect(alarmsNewestFirst(alarms).map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });

  it('marks a live connection stale after five silent seconds', () => {
    const live = { state: 'live', since: 0 };
    expect(isStale(live, 10_000, 15_000)).toBe(false);
    expect(isStale(live, 10_000, 15_001)).toBe(true);
    expect(isStale({ state: 'offline', since: 0 }, 10_000, 60_000)).toBe(false);
    expect(isStale({ state: 'live', since: 20_000 }, 10_000, 24_000)).toBe(false);
  });
});
