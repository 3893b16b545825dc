import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgencyHarness, inbox, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { hazardMessage } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

const json = (value: unknown) => JSON.stringify(value);

describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;

  beforeAll(async () => {
    h = await startAgencyHarness('cross-agency', broker);
  });
  afterAll(() => h.stop());

  it('a hazard ent-a publishes under ent-b reaches neither state nor any subscriber', async () => {
    // A watcher with ingest's rights sees every feed topic of every agency.
    const watcher = await h.connectAs('ingest');
    const seen = inbox(watcher);
    await watcher.subscribeAsync([h.topic('+', '+'), h.topic('+', '+', '+')], { qos: 1 });
    const b = await h.connectAs('ent-b');
    await b.publishAsync(h.topic('ent-b', 'hazard', 'real'), json(hazardMessage('real')), {
      qos: 1,
      retain: true,
    });

    const a = await h.connectAs('ent-a');
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
    // Refused quietly, as Mosquitto does: acknowledged, and the connection stays up.
    expect(a.connected).toBe(true);

    // Nor was it retained: a later subscriber gets ent-b's real hazard and nothing else.
    const late = await h.connectAs('ingest');
    const lateSeen = inbox(late);
    await late.subscribeAsync(h.topic('ent-b', 'hazard', '+'), { qos: 1 });
    await waitFor(() => lateSeen.length > 0, 'retained hazard of ent-b');
    expect(lateSeen.map((m) => m.topic)).toEqual([h.topic('ent-b', 'hazard', 'real')]);
  });

  it('an agency cannot forge reject notices or orders, even on its own topics', async () => {
    const a = await h.connectAs('ent-a');
    const listener = await h.connectAs('ent-a');
    const heard = inbox(listener);
    await listener.subscribeAsync([h.topic('ent-a', 'rejects'), h.topic('ent-a', 'orders', '#')], {
      qos: 1,
    });

    await a.publishAsync(h.topic('ent-a', 'rejects'), json({ code: 'forged' }), { qos: 1 });
    await a.publishAsync(h.topic('ent-a', 'orders'), json({ order: 'forged' }), { qos: 1 });
    // A bad reading: ingest's genuine notice follows the forged messages.
    await a.publishAsync(h.topic('ent-a', 'sensor'), '{"id": ', { qos: 1 });

    await waitFor(() => heard.length > 0, 'ingest’s reject notice');
    expect(heard).toHaveLength(1);
    expect(JSON.parse(heard[0]?.payload ?? '{}')).toMatchObject({ code: 'feed.bad_json' });
  });
});
