import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { collect } from '../helpers/mqtt';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';

describe.each(BROKERS)('on $name: a reject notice', (broker) => {
  let h: FeedHarness;
  let notices: { topic: string; payload: string }[];
  let stopWatch: () => Promise<void>;

  beforeAll(async () => {
    h = await startFeedHarness('problems', broker);
    const watch = await collect(h.brokerUrl, h.iso.clientId('agency-rejects'), h.topic('rejects'));
    notices = watch.messages;
    stopWatch = () => watch.client.endAsync();
    await h.publish('sensor', reading(LT, 50, Date.now() - 20_000));
    await waitFor(async () => (await h.reading(LT))?.value === 50, 'baseline reading');
  });
  afterAll(async () => {
    await stopWatch();
    await h.stop();
  });

  it('lists every problem of the message, says how to fix each, and tells its own time', async () => {
    const before = await h.reading(LT);
    const sentAt = Date.now();
    // Three problems at once: no ts, a value of the wrong type, a field the kind does not have.
    await h.publish('sensor', JSON.stringify({ id: LT, value: '97', unit: '%' }), true);

    const received = await waitFor(
      () => (notices.length > 0 ? notices[notices.length - 1] : undefined),
      'reject notice to the agency',
    );
    const notice = JSON.parse(received.payload) as RejectNotice;
    // The first problem stays in `reason` and `path`, as before.
    expect(notice.code).toBe('feed.invalid');
    expect(notice.path).toEqual(['ts']);
    expect(notice.reason).toBe(
      'ts is required: ISO 8601 with an offset, e.g. 2026-11-28T08:00:00+08:00',
    );
    expect(notice.problems).toEqual([
      {
        path: ['ts'],
        reason: 'ts is required: ISO 8601 with an offset, e.g. 2026-11-28T08:00:00+08:00',
      },
      { path: ['value'], reason: 'value must be a number, not a string' },
      { path: ['unit'], reason: 'unit: unknown field' },
    ]);
    // Its own time, readable beside epoch ms.
    expect(notice.time).toBe(new Date(notice.at).toISOString());
    expect(notice.at).toBeGreaterThanOrEqual(sentAt - 1_000);
    // The record the operators read says the same, and nothing changed.
    const rejects = await h.rejects();
    expect(rejects[rejects.length - 1]).toEqual(notice);
    expect(await h.reading(LT)).toEqual(before);
  });

  it('says what is wrong with a ts without an offset', async () => {
    const count = notices.length;
    await h.publish(
      'sensor',
      JSON.stringify({ id: LT, ts: '2026-11-28T08:00:00', value: 1 }),
      true,
    );
    const received = await waitFor(
      () => (notices.length > count ? notices[notices.length - 1] : undefined),
      'reject notice to the agency',
    );
    const notice = JSON.parse(received.payload) as RejectNotice;
    expect(notice.problems).toEqual([
      {
        path: ['ts'],
        reason:
          'ts must be ISO 8601 with an offset, e.g. 2026-11-28T08:00:00+08:00, not "2026-11-28T08:00:00" (it has no offset: add Z or +08:00)',
      },
    ]);
  });
});
