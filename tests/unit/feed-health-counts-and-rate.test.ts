import { describe, expect, it } from 'vitest';
import { FEED_RATE_WINDOW_S, feedHealthOf, rateWindow } from '@cc/shared';
import { createTally } from '../../ingest/src/health/tally';

const ok = { applied: 1, duplicates: 0, late: 0, rejected: 0, outside: 0 };
const bad = { applied: 0, duplicates: 0, late: 0, rejected: 2, outside: 0 };
const away = { applied: 1, duplicates: 0, late: 0, rejected: 0, outside: 1 };
const T = 1_800_000_000_000;

describe('feed-health tally', () => {
  it('counts messages, outcomes, codes and per-second buckets per agency', () => {
    const tally = createTally();
    tally.record('a', ok, [], T);
    tally.record('a', bad, ['feed.invalid', 'feed.unknown_sensor'], T + 400);
    tally.record('a', ok, [], T + 1_200);
    tally.record('b', ok, [], T + 5);
    tally.record('b', away, [], T + 7);
    const drained = tally.drain();
    const a = drained.get('a')!;
    expect(a.counts).toEqual({
      messages: 3,
      applied: 2,
      duplicates: 0,
      late: 0,
      rejected: 2,
      outside: 0,
    });
    expect(a.outsideAt).toBe(0);
    expect(drained.get('b')).toMatchObject({ outsideAt: T + 7, counts: { outside: 1 } });
    expect([...a.codes]).toEqual([
      ['feed.invalid', 1],
      ['feed.unknown_sensor', 1],
    ]);
    expect(a.lastAt).toBe(T + 1_200);
    expect([...a.perSecond]).toEqual([
      [T / 1000, 2],
      [T / 1000 + 1, 1],
    ]);
    expect(drained.get('b')!.counts.messages).toBe(2);
    expect(tally.size).toBe(0);
  });

  it('keeps the counts of a failed flush for the next one', () => {
    const tally = createTally();
    tally.record('a', bad, ['feed.invalid', 'feed.invalid'], T);
    const failed = tally.drain();
    tally.record('a', ok, [], T + 2_000);
    tally.restore(failed);
    const a = tally.drain().get('a')!;
    expect(a.counts).toMatchObject({ messages: 2, applied: 1, rejected: 2 });
    expect(a.codes.get('feed.invalid')).toBe(2);
    expect(a.lastAt).toBe(T + 2_000);
    expect(a.perSecond.size).toBe(2);
  });
});

describe('reported feed health', () => {
  const stored = {
    agency: 'ent-a',
    lastMessageAt: T - 1_000,
    counts: {
      messages: '7',
      applied: '5',
      rejected: '3',
      'code:feed.invalid': '2',
      'code:feed.too_deep': '1',
    },
    buckets: [...Array<null>(FEED_RATE_WINDOW_S - 2).fill(null), '60', '30'],
  };

  it('derives the rate over the last minute, totals and rejects by code', () => {
    expect(feedHealthOf(stored, T)).toEqual({
      agency: 'ent-a',
      lastMessageAt: T - 1_000,
      messagesPerSecond: 1.5,
      total: 7,
      applied: 5,
      duplicates: 0,
      late: 0,
      rejected: 3,
      rejectsByCode: { 'feed.invalid': 2, 'feed.too_deep': 1 },
      silent: false,
      outsideArea: 0,
      lastOutsideAt: null,
    });
  });

  it('calls a feed silent after the bound, and one never heard from silent', () => {
    expect(feedHealthOf(stored, T + 59_000).silent).toBe(false);
    expect(feedHealthOf(stored, T + 60_000).silent).toBe(true);
    expect(feedHealthOf(stored, T + 5_000, 5_000).silent).toBe(true);
    expect(feedHealthOf({ ...stored, lastMessageAt: null }, T).silent).toBe(true);
  });

  it('averages over the minute ending with the current second', () => {
    const w = rateWindow(T + 999);
    expect(w).toHaveLength(FEED_RATE_WINDOW_S);
    expect(w[w.length - 1]).toBe(T / 1000);
    expect(w[0]).toBe(T / 1000 - FEED_RATE_WINDOW_S + 1);
  });
});
