import { describe, expect, it } from 'vitest';
import { compareStreamIds } from '@cc/shared';
import { resumePlan } from '../../server/src/live/resume';
import { createRing } from '../../server/src/live/ring';

describe('resume plan', () => {
  const bounds = { first: '100-0', last: '200-5' };
  it('replays when every event after the client id is retained', () => {
    expect(resumePlan('150-0', bounds)).toBe('replay');
    expect(resumePlan('100-0', bounds)).toBe('replay');
    expect(resumePlan('200-5', bounds)).toBe('replay');
  });
  it('sends a snapshot for a new, trimmed-past, future or unreadable id', () => {
    expect(resumePlan(undefined, bounds)).toBe('snapshot');
    expect(resumePlan('99-9', bounds)).toBe('snapshot');
    expect(resumePlan('200-6', bounds)).toBe('snapshot');
    expect(resumePlan('hello', bounds)).toBe('snapshot');
    expect(resumePlan('0-0', { first: undefined, last: '0-0' })).toBe('replay');
  });
});

describe('stream ids', () => {
  it('order numerically, not as text', () => {
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareStreamIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareStreamIds('10-10', '10-10')).toBe(0);
  });
});

describe('event ring', () => {
  const ev = (id: string) => ({ id, kind: 'alarm' }) as never;
  it('returns exactly the events after a covered cursor and forgets the oldest', () => {
    const ring = createRing('1-0', 4);
    ring.push(['2-0', '3-0', '4-0'].map(ev));
    expect(ring.after('2-0').map((e: { id: string }) => e.id)).toEqual(['3-0', '4-0']);
    expect(ring.covers('1-0')).toBe(true);
    ring.push(['5-0', '6-0', '7-0', '8-0'].map(ev));
    expect(ring.covers('1-0')).toBe(false);
    expect(ring.covers(ring.start)).toBe(true);
    expect(ring.after(ring.start).at(-1)).toMatchObject({ id: '8-0' });
  });
});
