import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_MAX, type FeedErrorCode, type RejectNotice } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { collect } from '../helpers/mqtt';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';
const ts = new Date(Date.now() - 5_000).toISOString();
const valid = { id: LT, ts, value: 1 };

interface Case {
  what: string;
  kind?: 'sensor' | 'hazard';
  /** The payload, built from the feed under test when it needs its hazard. */
  payload: (feed: FeedHarness) => string | Buffer;
  code: FeedErrorCode;
  path?: (string | number)[];
  reason?: RegExp;
}

const CASES: Case[] = [
  {
    what: 'an oversized payload',
    payload: () => JSON.stringify({ ...valid, pad: 'x'.repeat(300 * 1024) }),
    code: 'feed.too_large',
  },
  {
    what: 'invalid UTF-8',
    payload: () =>
      Buffer.concat([
        Buffer.from(`{"id":"${LT}","ts":"${ts}","value":1,"n":"`),
        Buffer.from([0xc0, 0xaf, 0xff]),
        Buffer.from('"}'),
      ]),
    code: 'feed.bad_json',
    reason: /UTF-8/,
  },
  {
    what: '100,000 nested arrays',
    payload: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    code: 'feed.too_deep',
  },
  {
    what: 'a __proto__ key',
    payload: () => `{"__proto__":{"value":99},"id":"${LT}","ts":"${ts}","value":99}`,
    code: 'feed.forbidden_key',
    path: ['__proto__'],
  },
  {
    what: 'a constructor key deep in a batch item',
    payload: () => JSON.stringify([{ ...valid, x: { a: [{ constructor: { prototype: {} } }] } }]),
    code: 'feed.forbidden_key',
    path: [0, 'x', 'a', 0, 'constructor'],
  },
  {
    what: 'a prototype key',
    payload: () => `{"id":"${LT}","ts":"${ts}","value":99,"prototype":1}`,
    code: 'feed.forbidden_key',
    path: ['prototype'],
  },
  {
    what: 'Infinity',
    payload: () => `{"id":"${LT}","ts":"${ts}","value":Infinity}`,
    code: 'feed.invalid',
    path: ['value'],
  },
  {
    what: 'hundreds of unknown fields',
    payload: () =>
      JSON.stringify({
        ...valid,
        ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, 0])),
      }),
    code: 'feed.invalid',
    path: ['f0'],
    reason: /^f0: unknown field \(and 499 more unknown fields\)$/,
  },
  {
    what: 'ten thousand fields in one object',
    payload: () =>
      JSON.stringify({
        ...valid,
        ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, 0])),
      }),
    code: 'feed.invalid',
    path: ['f997'],
    reason: /^f997: more than 1000 fields in one object$/,
  },
  {
    what: `a batch of ${BATCH_MAX + 1} readings`,
    payload: () =>
      JSON.stringify(Array.from({ length: BATCH_MAX + 1 }, () => ({ ...valid, value: 99 }))),
    code: 'feed.too_large',
    reason: new RegExp(`at most ${BATCH_MAX}`),
  },
  {
    what: 'a hazard with more sensors than its schema allows',
    kind: 'hazard',
    payload: (feed) =>
      JSON.stringify({
        ...feed.hazard,
        ts: new Date().toISOString(),
        sensors: Array.from({ length: 65 }, (_, i) => ({
          ...feed.hazard.sensors[0]!,
          id: `s${i}`,
        })),
      }),
    code: 'feed.invalid',
    path: ['sensors'],
  },
];

describe.each(BROKERS)('on $name: hostile JSON', (broker) => {
  let h: FeedHarness;
  let notices: { topic: string; payload: string }[];
  let stopWatch: () => Promise<void>;
  let tick = 0;
  let lastTs = 0;
  /** A valid reading, newer than the last one: the feed still works after the refusal. */
  async function stillServing() {
    lastTs = Math.max(lastTs + 1, Date.now() - 1_000);
    await h.publish('sensor', reading(LT, 10 + ++tick, lastTs));
    await waitFor(async () => (await h.reading(LT))?.value === 10 + tick, 'next reading applied');
  }

  /** Events a feed message could cause (offline alarms come from the clock, not from messages). */
  const changes = async () =>
    (await h.events()).filter(
      (e) => !(e.kind === 'alarm' && e.op === 'upsert' && e.data.cause === 'offline'),
    );

  beforeAll(async () => {
    h = await startFeedHarness('hostile', broker);
    const watch = await collect(h.brokerUrl, h.iso.clientId('agency-rejects'), h.topic('rejects'));
    notices = watch.messages;
    stopWatch = () => watch.client.endAsync();
    await stillServing();
  });
  afterAll(async () => {
    await stopWatch();
    await h.stop();
  });

  it.each(CASES)('$what is refused with its code, changes nothing, harms nothing', async (c) => {
    const hazardKey = `${h.agency}:${h.hazard.id}`;
    const before = {
      reading: await h.reading(LT),
      hazard: await h.redis.hGet(h.keys.state('hazard'), hazardKey),
      events: (await changes()).length,
    };
    const rejectsBefore = (await h.rejects()).length;
    const noticesBefore = notices.length;

    await h.pub.publishAsync(h.topic(c.kind ?? 'sensor'), c.payload(h), { qos: 1 });

    const reject = await waitFor(async () => {
      const all = await h.rejects();
      return all.length > rejectsBefore ? all[all.length - 1] : undefined;
    }, 'reject recorded');
    expect(reject.code).toBe(c.code);
    if (c.path) expect(reject.path).toEqual(c.path);
    if (c.reason) expect(reject.reason).toMatch(c.reason);
    expect(reject.reason.length).toBeLessThan(300);
    expect(reject.excerpt.length).toBeLessThanOrEqual(256);

    const notice = await waitFor(
      () => notices.slice(noticesBefore).find((n) => n.topic === h.topic('rejects')),
      'reject notice to the agency',
    );
    expect(JSON.parse(notice.payload) as RejectNotice).toMatchObject({
      code: c.code,
      agency: h.agency,
    });

    expect(await h.reading(LT)).toEqual(before.reading);
    expect(await h.redis.hGet(h.keys.state('hazard'), hazardKey)).toBe(before.hazard);
    expect((await changes()).length).toBe(before.events);
    expect(({} as Record<string, unknown>).value).toBeUndefined();

    await stillServing();
  });
});
