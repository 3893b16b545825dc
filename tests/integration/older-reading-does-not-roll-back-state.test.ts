import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPoints } from '@cc/shared/node';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';

describe.each(BROKERS)('on $name: a reading older than the stored one', (broker) => {
  let h: FeedHarness;
  const t0 = Date.now() - 60_000;

  beforeAll(async () => {
    h = await startFeedHarness('ooo', broker);
  });
  afterAll(() => h.stop());

  /** The sensor's history in time order; no point in it twice. */
  const series = async () => {
    const members = await h.redis.lRange(h.keys.series(`${h.agency}:${LT}`), 0, -1);
    expect(new Set(members).size).toBe(members.length);
    return historyPoints(members).map((p) => [p.ts, p.value]);
  };

  it('leaves the newer state and its alarm as they were, and is kept in history', async () => {
    await h.publish('sensor', reading(LT, 97, t0 + 10_000));
    await waitFor(async () => (await h.reading(LT))?.level === 'HH', 'newer reading in alarm');
    const newer = await h.reading(LT);
    const events = (await h.events()).length;

    // Delivered late: an older, normal reading must not clear the alarm.
    await h.publish('sensor', reading(LT, 40, t0 + 5_000));
    await waitFor(async () => (await series()).length === 2, 'late reading in history');
    expect(await series()).toEqual([
      [t0 + 5_000, 40],
      [t0 + 10_000, 97],
    ]);
    expect(await h.reading(LT)).toEqual(newer);
    expect((await h.events()).length).toBe(events);
    expect(await h.rejects()).toEqual([]);
  });

  it('applies a redelivered duplicate once, silently', async () => {
    const before = await h.reading(LT);
    const rejects = (await h.rejects()).length;
    await h.publish('sensor', reading(LT, before!.value, before!.ts));
    // The late reading again, as a broker redelivers it: its history point is there already.
    await h.publish('sensor', reading(LT, 40, t0 + 5_000));
    // A later reading proves the duplicate was processed before it.
    await h.publish('sensor', reading(LT, 96, t0 + 11_000));
    await waitFor(async () => (await h.reading(LT))?.value === 96, 'later reading');
    expect((await h.rejects()).length).toBe(rejects);
    expect(await series()).toEqual([
      [t0 + 5_000, 40],
      [t0 + 10_000, 97],
      [t0 + 11_000, 96],
    ]);
  });
});
