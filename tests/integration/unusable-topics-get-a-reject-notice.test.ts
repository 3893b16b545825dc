import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedErrorCode, RejectNotice } from '@cc/shared';
import { startAgencyHarness, inbox, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { publishRawTopic } from '../helpers/mqtt';
import { waitFor } from '../helpers/wait';

/**
 * A publish to a topic that is not a feed topic used to get a PUBACK and then nothing: the
 * embedded broker's ACL discarded it, Mosquitto's dropped it, and ingest skipped what reached it.
 * Every refusal now reaches the sender's rejects topic, the rejects stream and feed health — and
 * ingest does not answer its own notices.
 */
describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;

  beforeAll(async () => {
    h = await startAgencyHarness('unusable-topics', broker);
  });
  afterAll(() => h.stop());

  it('a typo, an unknown kind or a topic of the wrong shape gets a notice saying so', async () => {
    const a = await h.connectAs('ent-a');
    const heard = inbox(a);
    await a.subscribeAsync(h.topic('ent-a', 'rejects'), { qos: 1 });
    const sent: [string, FeedErrorCode][] = [
      [h.topic('ent-a', 'incidents'), 'feed.unknown_kind'],
      [h.topic('ent-a', 'gossip'), 'feed.unknown_kind'],
      [h.topic('ent-a', 'sensor', 'x/y'), 'feed.bad_topic'],
      [`${h.iso.topicRoot}/ent-a`, 'feed.bad_topic'],
      [h.topic('ent-a', 'sensor', ''), 'feed.bad_topic'],
    ];
    for (const [topic] of sent) await a.publishAsync(topic, '{"id": "x"}', { qos: 1 });

    await waitFor(() => heard.length >= sent.length, `${sent.length} notices`);
    const notices = heard.map((m) => JSON.parse(m.payload) as RejectNotice);
    expect(notices.map((n) => [n.topic, n.code])).toEqual(sent);
    expect(notices.every((n) => n.agency === 'ent-a' && n.excerpt === '{"id": "x"}')).toBe(true);
    expect(notices[0]?.reason).toMatch(/"incidents" is not a feed kind \(hazard, sensor/);

    // Recorded, counted, and answered once each: ingest hears its own notices and skips them.
    await waitFor(async () => {
      const counts = await h.feedCounts('ent-a');
      return counts['code:feed.unknown_kind'] === '2' && counts['code:feed.bad_topic'] === '3';
    }, 'feed health counts every refusal');
    expect(await h.rejects()).toHaveLength(sent.length);
    expect(heard).toHaveLength(sent.length);
  });

  it.each([
    ['holds NUL', Buffer.from('/ent-a/sensor\u0000'), '/ent-a/sensor\u0000'],
    [
      'is not UTF-8',
      Buffer.concat([Buffer.from('/ent-a/sensor'), Buffer.from([0xff, 0xfe])]),
      '/ent-a/sensor\uFFFD\uFFFD',
    ],
  ])('a topic that %s is refused too', async (_what, tail, shown) => {
    const a = await h.connectAs('ent-a');
    const heard = inbox(a);
    await a.subscribeAsync(h.topic('ent-a', 'rejects'), { qos: 1 });
    const topic = Buffer.concat([Buffer.from(h.iso.topicRoot), tail]);
    const answer = await publishRawTopic(a, topic, Buffer.from('{}'), 4242);
    if (broker.unusableTopic === 'closed') {
      // Mosquitto: a protocol error; the publisher sees its connection closed, no PUBACK.
      expect(answer).toBe('closed');
      return;
    }
    expect(answer).toBe('puback');
    await waitFor(() => heard.length > 0, 'the notice');
    expect(JSON.parse(heard[0]!.payload) as RejectNotice).toMatchObject({
      agency: 'ent-a',
      topic: `${h.iso.topicRoot}${shown}`,
      code: 'feed.bad_topic',
      reason: expect.stringMatching(/NUL or bytes that are not UTF-8/),
    });
  });
});
