import { ErrorWithSubackPacket, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgencyHarness, inbox, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { waitFor } from '../helpers/wait';

/** The QoS granted per filter; 128 is a refusal (which mqtt.js reports as an error). */
async function grantedQos(client: MqttClient, filters: string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(filters, { qos: 1 })).map((g) => g.qos);
  } catch (err) {
    if (!(err instanceof ErrorWithSubackPacket)) throw err;
    return err.packet.granted.map(Number);
  }
}

describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;

  beforeAll(async () => {
    h = await startAgencyHarness('foreign-rejects', broker);
  });
  afterAll(() => h.stop());

  it('ent-a never hears ent-b’s reject notices, by name or by wildcard', async () => {
    const a = await h.connectAs('ent-a');
    const aHeard = inbox(a);
    const foreign = [h.topic('ent-b', 'rejects'), h.topic('+', 'rejects'), `${h.iso.topicRoot}/#`];
    const granted = await grantedQos(a, foreign);
    if (broker.refusesInSuback) expect(granted).toEqual([128, 128, 128]);
    expect(await grantedQos(a, [h.topic('ent-a', 'rejects')])).toEqual([1]);

    const b = await h.connectAs('ent-b');
    const bHeard = inbox(b);
    await b.subscribeAsync(h.topic('ent-b', 'rejects'), { qos: 1 });
    await b.publishAsync(h.topic('ent-b', 'sensor'), '{"id": ', { qos: 1 });
    await waitFor(() => bHeard.length > 0, 'ent-b hears its own notice');

    // ingest works in order: ent-a's notice comes after ent-b's.
    await a.publishAsync(h.topic('ent-a', 'sensor'), '{"id": ', { qos: 1 });
    await waitFor(
      () => aHeard.some((m) => m.topic === h.topic('ent-a', 'rejects')),
      'ent-a hears its own notice',
    );
    expect(aHeard.filter((m) => m.topic !== h.topic('ent-a', 'rejects'))).toEqual([]);
  });
});
