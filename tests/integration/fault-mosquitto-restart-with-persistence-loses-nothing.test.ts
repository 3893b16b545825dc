import type { IConnackPacket } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword, writeTestAgencies, type TestAgencies } from '../helpers/agency-accounts';
import { exactlyOnce } from '../helpers/fault-load';
import { startPersistentMosquitto, type PersistentMosquitto } from '../helpers/fault-mosquitto';
import { startAofRedis, type AofRedis } from '../helpers/fault-redis';
import { startFaultRig, type FaultRig } from '../helpers/fault-rig';
import { isolate } from '../helpers/isolation';
import { generateMosquittoFiles } from '../helpers/private-mosquitto';
import { waitFor } from '../helpers/wait';

const AGENCY = 'ent-a';
const RATE = 40;

/**
 * A private mosquitto running the deployed configuration (deploy/mosquitto/mosquitto.conf:
 * persistence on, queue limits raised past the 1,000 at which Mosquitto silently drops QoS 1
 * messages) with accounts and ACL, stopped and started again under a steady load. The agency's
 * publisher and ingest reconnect by themselves; ingest finds its session (and the queue held for
 * it) again and subscribes anew; nothing accepted is lost or applied twice.
 */
describe.each([4, 5] as const)('Mosquitto restarted with persistence, ingest on MQTT %i', (v) => {
  let accounts: TestAgencies;
  let mosquitto: PersistentMosquitto | undefined;
  let aof: AofRedis;
  let rig: FaultRig | undefined;
  /** sessionPresent of each of ingest's connections, in order. */
  const sessions: boolean[] = [];

  beforeAll(async () => {
    const iso = isolate(`fault-mosquitto-v${v}`);
    accounts = writeTestAgencies();
    mosquitto = await startPersistentMosquitto(
      await generateMosquittoFiles(accounts.path, iso.topicRoot),
    );
    aof = await startAofRedis();
    rig = await startFaultRig({
      name: iso,
      redisUrl: aof.url,
      brokerUrl: mosquitto.url,
      agency: AGENCY,
      env: { ...accounts.ingestEnv, MQTT_PROTOCOL_VERSION: String(v) },
      login: { username: AGENCY, password: testPassword(AGENCY) },
    });
    rig.ingest.subscriber.client.on('connect', (c: IConnackPacket) =>
      sessions.push(c.sessionPresent),
    );
  });
  afterAll(async () => {
    await aof.revive();
    await mosquitto?.start().catch(() => {});
    await rig?.stop();
    await mosquitto?.close();
    await aof.close();
    accounts.remove();
  });

  /** Stops the broker until the publisher has sent `RATE` messages into the void, then starts it. */
  async function restartBroker(published: () => number) {
    const m = mosquitto!;
    await m.stop();
    const at = published();
    await waitFor(() => published() >= at + RATE, 'messages published while the broker is away');
    await m.start();
  }

  it('loses nothing published before, during or after the restart', async () => {
    const r = rig!;
    const load = r.startLoad(RATE);
    await waitFor(async () => (await r.applied()) >= RATE, 'ingest applying the load', 20_000);
    await restartBroker(() => load.published);
    await load.untilAccepted(load.accepted.length + 2 * RATE);
    const accepted = await load.stop();

    expect(await r.count(load, accepted)).toEqual(exactlyOnce(1));
    // Reconnected to the session the broker saved and restored.
    expect(sessions.at(-1)).toBe(true);
  }, 60_000);

  it('keeps the queue it held for ingest while ingest was behind', async () => {
    const r = rig!;
    const load = r.startLoad(RATE);
    // Redis frozen: ingest sits on one message and the broker queues the rest for its session.
    aof.freeze();
    await load.untilAccepted(2 * RATE);
    await restartBroker(() => load.published);
    await load.untilAccepted(load.accepted.length + RATE);
    const queued = load.accepted.length;
    aof.thaw();
    await load.untilAccepted(load.accepted.length + RATE);
    const accepted = await load.stop();

    expect(await r.count(load, accepted)).toEqual(exactlyOnce(1));
    expect(sessions.at(-1)).toBe(true);
    // Mosquitto says so when it drops queued messages (past max_queued_messages): it did not.
    expect(mosquitto!.output()).not.toMatch(/dropped/i);
    console.info(`MQTT ${v}: ${queued} incidents queued for ingest across the broker restart`);
  }, 60_000);
});
