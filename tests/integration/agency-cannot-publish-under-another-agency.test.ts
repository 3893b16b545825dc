import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { startAgencyHarness, inbox, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { hazardMessage } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

const json = (value: unknown) => JSON.stringify(value);
const notices = (heard: { payload: string }[]) =>
  heard.map((m) => JSON.parse(m.payload) as RejectNotice);

describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;

  beforeAll(async () => {
    // A watcher with ingest's rights (an account of its own: an account is one connection).
    h = await startAgencyHarness('cross-agency', broker, [{ id: 'watcher', role: 'ingest' }]);
  });
  afterAll(() => h.stop());

  it('a hazard ent-a publishes under ent-b reaches neither state nor any subscriber', async () => {
    const watcher = await h.connectAs('watcher');
    const seen = inbox(watcher);
    await watcher.subscribeAsync(h.topic('+', '#'), { qos: 1 });
    const b = await h.connectAs('ent-b');
    await b.publishAsync(h.topic('ent-b', 'hazard', 'real'), json(hazardMessage('real')), {
      qos: 1,
      retain: true,
    });

    const a = await h.connectAs('ent-a');
    const aHeard = inbox(a);
    await a.subscribeAsync(h.topic('ent-a', 'rejects'), { qos: 1 });
    await a.publishAsync(h.topic('ent-b', 'hazard', 'forged'), json(hazardMessage('forged')), {
      qos: 1,
      retain: true,
    });
    // The broker passes on one connection's messages in order: once this one is through, the
    // forged one would have been too.
    await a.publishAsync(h.topic('ent-a', 'hazard', 'own'), json(hazardMessage('own')), {
      qos: 1,
    });
    await waitFor(async () => (await h.hazardIds()).includes('ent-a:own'), 'ent-a hazard stored');
    await waitFor(
      () => seen.some((m) => m.topic === h.topic('ent-a', 'hazard', 'own')),
      'the watcher gets ent-a’s own hazard',
    );

    expect(await h.hazardIds()).toContain('ent-b:real');
    expect(await h.hazardIds()).not.toContain('ent-b:forged');
    expect(seen.map((m) => m.topic)).not.toContain(h.topic('ent-b', 'hazard', 'forged'));
    // Refused without closing the connection (mqtt.js would send it again after reconnecting).
    expect(a.connected).toBe(true);
    if (broker.noticesEveryRefusal) {
      // The embedded broker hands the refusal to ingest: ent-a hears why.
      await waitFor(() => aHeard.length > 0, 'ent-a’s notice');
      expect(notices(aHeard)).toMatchObject([
        {
          agency: 'ent-a',
          topic: h.topic('ent-b', 'hazard', 'forged'),
          code: 'feed.forbidden_topic',
        },
      ]);
    }

    // Nor was it retained: a later subscriber gets ent-b's real hazard and nothing else.
    const late = await h.connectAs('watcher');
    const lateSeen = inbox(late);
    await late.subscribeAsync(h.topic('ent-b', 'hazard', '+'), { qos: 1 });
    await waitFor(() => lateSeen.length > 0, 'retained hazard of ent-b');
    expect(lateSeen.map((m) => m.topic)).toEqual([h.topic('ent-b', 'hazard', 'real')]);
  });

  it('an agency cannot forge reject notices or orders, even on its own topics', async () => {
    // One connection publishes and listens (on Mosquitto an account is one connection).
    const a = await h.connectAs('ent-a');
    const heard = inbox(a);
    await a.subscribeAsync([h.topic('ent-a', 'rejects'), h.topic('ent-a', 'orders', '#')], {
      qos: 1,
    });

    await a.publishAsync(h.topic('ent-a', 'rejects'), json({ code: 'forged' }), { qos: 1 });
    await a.publishAsync(h.topic('ent-a', 'orders'), json({ order: 'forged' }), { qos: 1 });
    // A bad reading: ingest's genuine notice follows the forged messages.
    await a.publishAsync(h.topic('ent-a', 'sensor'), '{"id": ', { qos: 1 });

    await waitFor(
      () => notices(heard).some((n) => n.code === 'feed.bad_json'),
      'ingest’s notice of the bad reading',
    );
    // Only ingest's notices, none of the forged messages.
    expect(heard.every((m) => m.topic === h.topic('ent-a', 'rejects'))).toBe(true);
    expect(notices(heard).map((n) => [n.code, n.topic])).toEqual([
      ...(broker.noticesEveryRefusal
        ? [
            ['feed.forbidden_topic', h.topic('ent-a', 'rejects')],
            ['feed.forbidden_topic', h.topic('ent-a', 'orders')],
          ]
        : []),
      ['feed.bad_json', h.topic('ent-a', 'sensor')],
    ]);
  });
});
