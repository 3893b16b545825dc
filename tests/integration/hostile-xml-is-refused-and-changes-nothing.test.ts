import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { HOSTILE_XML, capAlert, capTime } from '../helpers/cap-fixtures';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { collect } from '../helpers/mqtt';
import { waitFor } from '../helpers/wait';

describe.each(BROKERS)('on $name: hostile XML on the warning topic', (broker) => {
  let h: FeedHarness;
  let notices: { topic: string; payload: string }[];
  let stopWatch: () => Promise<void>;

  beforeAll(async () => {
    h = await startFeedHarness('hostile-xml', broker);
    const watch = await collect(h.brokerUrl, h.iso.clientId('agency-rejects'), h.topic('rejects'));
    notices = watch.messages;
    stopWatch = () => watch.client.endAsync();
  });
  afterAll(async () => {
    await stopWatch();
    await h.stop();
  });

  const warningState = () => h.redis.hGetAll(h.keys.state('warning'));
  const warningEvents = async () => (await h.events()).filter((e) => e.kind === 'warning').length;

  it.each(HOSTILE_XML)('$what is refused as feed.bad_xml and changes nothing', async (c) => {
    const state = await warningState();
    const events = await warningEvents();
    const rejectsBefore = (await h.rejects()).length;
    const noticesBefore = notices.length;

    await h.publish('warning', c.xml, true);

    const rejects = await waitFor(async () => {
      const all = await h.rejects();
      return all.length > rejectsBefore ? all : undefined;
    }, 'reject recorded');
    const reject = rejects[rejects.length - 1]!;
    expect(reject).toMatchObject({ code: 'feed.bad_xml', agency: h.agency, path: [] });
    expect(reject.reason).toMatch(c.reason);
    expect(await warningState()).toEqual(state);
    expect(await warningEvents()).toBe(events);

    const notice = await waitFor(
      () => (notices.length > noticesBefore ? notices[notices.length - 1] : undefined),
      'reject notice to the agency',
    );
    expect(JSON.parse(notice.payload) as RejectNotice).toMatchObject({ code: 'feed.bad_xml' });
  });

  it('keeps serving: a valid alert afterwards is applied', async () => {
    const sent = capTime(Date.now() - 5_000);
    await h.publish('warning', capAlert({ identifier: 'CZ-AFTER-1', sent }), true);
    await waitFor(
      () => h.redis.hGet(h.keys.state('warning'), `${h.agency}:CZ-AFTER-1`),
      'valid alert applied after the hostile ones',
    );
  });
});
