import mqtt, { type IConnackPacket, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_INGEST, testPassword } from '../helpers/agency-accounts';
import { startAgencyHarness, inbox, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { incidentMessage } from '../helpers/fault-load';
import { waitFor } from '../helpers/wait';

const INCIDENTS = 6;

/** Connects; resolves with the client and its CONNACK, or rejects with the broker's refusal. */
function connectWithConnack(url: string, options: mqtt.IClientOptions) {
  return new Promise<{ client: MqttClient; connack: IConnackPacket }>((resolve, reject) => {
    const client = mqtt.connect(url, { ...options, reconnectPeriod: 0, connectTimeout: 5_000 });
    client.once('connect', (connack) => resolve({ client, connack }));
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
  });
}

/**
 * The review's attack: ingest's client id is public (README), so an agency connects with it and
 * a persistent session while ingest is away. Before, the embedded broker handed the intruder the
 * messages queued for ingest (6 of 6, never stored), and Mosquitto 2.0.11 resumed ingest's
 * session for the intruder and discarded them (the intruder may not read them). Now the embedded
 * broker refuses a client id that is not the account's, and Mosquitto gives every connection its
 * account's id.
 */
describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;
  let intruder: MqttClient | undefined;

  beforeAll(async () => {
    h = await startAgencyHarness('takeover', broker);
  });
  afterAll(async () => {
    await intruder?.endAsync(true);
    await h.stop();
  });

  it('an agency asking for ingest’s client id gets none of ingest’s messages, and ingest loses none', async () => {
    await h.stopIngest();
    const b = await h.connectAs('ent-b');
    const ids = Array.from({ length: INCIDENTS }, (_, i) => `T-${i}`);
    for (const id of ids) {
      const message = JSON.stringify(incidentMessage(id, Date.now() - 1_000));
      await b.publishAsync(h.topic('ent-b', 'incident'), message, { qos: 1 });
    }

    // ent-a, with its own password, asks for ingest's client id and its session.
    const attempt = await connectWithConnack(h.url, {
      clientId: TEST_INGEST,
      clean: false,
      protocolVersion: 4,
      username: 'ent-a',
      password: testPassword('ent-a'),
    }).then(
      (ok) => ok,
      (err: Error) => err,
    );
    const stolen = attempt instanceof Error ? [] : inbox(attempt.client);
    if (attempt instanceof Error) {
      // The embedded broker: refused at connect.
      expect(attempt.message).toMatch(/identifier rejected/i);
    } else {
      // Mosquitto: connected as ent-a's own client id, so with a session of its own.
      intruder = attempt.client;
      expect(attempt.connack.sessionPresent).toBe(false);
    }

    await h.startIngest();
    await waitFor(
      async () => (await h.ids('incident')).length >= INCIDENTS,
      'every incident stored once ingest is back',
    );
    expect((await h.ids('incident')).sort()).toEqual(ids.map((id) => `ent-b:${id}`).sort());
    expect(stolen).toEqual([]);
    // Ingest found its own session, with what the broker queued for it.
    expect(h.ingest.subscriber.session().sessionPresent).toBe(true);
  });
});
