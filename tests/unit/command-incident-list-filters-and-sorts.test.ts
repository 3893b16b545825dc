import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, listIncidents } from '../../client/src/command/incident-filters';
import { incident } from './command-fixtures';

const all = [
  incident('a', { ts: 3_000, level: 'IV' }),
  incident('b', {
    ts: 1_000,
    level: 'II',
    casualties: { dead: 0, injured: 5, missing: 0, trapped: 0 },
  }),
  incident('c', {
    ts: 2_000,
    level: 'II',
    casualties: { dead: 1, injured: 0, missing: 0, trapped: 0 },
  }),
  incident('d', { ts: 4_000, level: 'I', status: 'closed' }),
  incident('e', { ts: 5_000, level: 'III', type: 'flood', status: 'responding' }),
];
const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('the tablet incident list', () => {
  it('leaves closed incidents out by default and shows the newest first', () => {
    expect(ids(listIncidents(all, DEFAULT_FILTER, 'time'))).toEqual(['e', 'a', 'c', 'b']);
  });

  it('orders by severity: level first, then the dead, the trapped and missing, the injured', () => {
    expect(ids(listIncidents(all, DEFAULT_FILTER, 'severity'))).toEqual(['c', 'b', 'e', 'a']);
  });

  it('filters by status, level and type together', () => {
    expect(ids(listIncidents(all, { ...DEFAULT_FILTER, status: 'all' }, 'severity'))[0]).toBe('d');
    expect(ids(listIncidents(all, { ...DEFAULT_FILTER, status: 'closed' }, 'time'))).toEqual(['d']);
    expect(ids(listIncidents(all, { ...DEFAULT_FILTER, level: 'II' }, 'time'))).toEqual(['c', 'b']);
    expect(
      ids(listIncidents(all, { status: 'responding', level: 'all', type: 'flood' }, 'time')),
    ).toEqual(['e']);
    expect(
      ids(listIncidents(all, { status: 'open', level: 'all', type: 'earthquake' }, 'time')),
    ).toEqual([]);
  });
});
