import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { collect } from '../helpers/mqtt';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';
const ts = new Date(Date.now() - 10_000).toISOString();

const CASES: { what: string; payload: string; code: string; path: (string | number)[] }[] = [
  {
    what: 'an unknown sensor',
    payload: JSON.stringify({ id: 'no-such-sensor', ts, value: 1 }),
    code: 'feed.unknown_sensor',
    path: ['id'],
  },
  {
    what: 'a value of the wrong type',
    payload: JSON.stringify({ id: LT, ts, value: '97' }),
    code: 'feed.invalid',
    path: ['value'],
  },
  {
    what: 'NaN',
    payload: `{"id":"${LT}","ts":"${ts}","value":NaN}`,
    code: 'feed.invalid',
    path: ['value'],
  },
  {
    what: 'a missing ts',
    payload: JSON.stringify({ id: LT, value: 97 }),
    code: 'feed.invalid',
    path: ['ts'],
  },
  {
    what: 'a bad item inside a batch',
    payload: JSON.stringify([{ id: LT, ts, value: 97, extra: 1 }]),
    code: 'feed.invalid',
    path: [0, 'extra'],
  },
  {
    what: 'a reading from too far in the future',
    payload: JSON.stringify({
      id: LT,
      ts: new Date(Date.now() + 3_600_000).toISOString(),
      value: 97,
    }),
    code: 'feed.future_ts',
    path: ['ts'],
  },
  {
    what: 'a payload that is not JSON',
    payload: '{"id": "x", ',
    code: 'feed.bad_json',
    path: [],
  },
];

describe.each(BROKERS)('on $name: an invalid reading', (broker) => {
  let h: FeedHarness;
  let notices: { topic: string; payload: string }[];
  let stopWatch: () => Promise<void>;

  beforeAll(async () => {
    h = await startFeedHarness('invalid', broker);
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

  it.each(CASES)('$what changes nothing and is rejected naming the field', async (c) => {
    const before = await h.reading(LT);
    const eventsBefore = (await h.events()).length;
    const rejectsBefore = (await h.rejects()).length;
    const noticesBefore = notices.length;

    await h.publish('sensor', c.payload, true);

    const rejects = await waitFor(async () => {
      const all = await h.rejects();
      return all.length > rejectsBefore ? all : undefined;
    }, 'reject recorded');
    const reject = rejects[rejects.length - 1]!;
    expect(reject.code).toBe(c.code);
    expect(reject.agency).toBe(h.agency);
    // The path is the offending field; the reason names it.
    expect(reject.path).toEqual(c.path);
    if (c.path.length > 0) expect(reject.reason).toContain(String(c.path[c.path.length - 1]));
    expect(await h.reading(LT)).toEqual(before);
    expect((await h.events()).length).toBe(eventsBefore);

    const notice = await waitFor(
      () => (notices.length > noticesBefore ? notices[notices.length - 1] : undefined),
      'reject notice to the agency',
    );
    expect(JSON.parse(notice.payload) as RejectNotice).toMatchObject({ code: c.code });
  });
});
