import type { Packet } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKERS } from '../helpers/brokers';
import { exactlyOnce } from '../helpers/fault-load';
import { startAofRedis, type AofRedis } from '../helpers/fault-redis';
import { startFaultRig, type FaultRig } from '../helpers/fault-rig';
import { waitFor } from '../helpers/wait';

const RATE = 40;
const OUTAGE_MS = 10_000;

/** Two ways Redis becomes unreachable: refused connections, or connections that hang. */
const OUTAGES = [
  {
    name: 'stopped (connections refused)',
    begin: (r: AofRedis) => r.shutdown(),
    end: (r: AofRedis) => r.start(),
  },
  {
    name: 'frozen (SIGSTOP: connections hang, like a network partition)',
    begin: async (r: AofRedis) => r.freeze(),
    end: async (r: AofRedis) => r.thaw(),
  },
];

/**
 * Redis unreachable for 10 s under a steady load, on the production broker (Mosquitto). ingest
 * must stop acknowledging the broker — the message in hand is retried, the rest wait in the
 * broker's queue for its persistent session — the server must report not-ready, and once Redis is
 * back every message published meanwhile must arrive, once.
 */
describe.each(OUTAGES)('Redis $name for 10 s under steady load', (outage) => {
  let aof: AofRedis;
  let broker: { url: string; stop(): Promise<void> } | undefined;
  let rig: FaultRig | undefined;

  beforeAll(async () => {
    aof = await startAofRedis({ appendfsync: 'everysec' });
    broker = await BROKERS[1]!.start();
    rig = await startFaultRig({
      name: 'fault-redis-away',
      redisUrl: aof.url,
      brokerUrl: broker.url,
      agency: 'ent-test',
    });
  });
  afterAll(async () => {
    await aof.revive();
    await rig?.stop();
    await broker?.stop();
    await aof.close();
  });

  it('stops acknowledging, turns not-ready, then applies everything published meanwhile', async () => {
    const r = rig!;
    let pubacks = 0;
    r.ingest.subscriber.client.on('packetsend', (p: Packet) => {
      if (p.cmd === 'puback') pubacks++;
    });
    const load = r.startLoad(RATE);
    await waitFor(async () => (await r.applied()) >= RATE, 'ingest applying the load', 20_000);
    expect(await r.readyz()).toBe(200);

    const began = Date.now();
    await outage.begin(aof);
    await waitFor(async () => (await r.readyz()) === 503, 'the server to turn not-ready');
    const acksAtOutage = pubacks;
    const acceptedAtOutage = load.accepted.length;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, began + OUTAGE_MS - Date.now())),
    );
    // The broker kept taking the agency's messages; ingest acknowledged none of them.
    expect(load.accepted.length - acceptedAtOutage).toBeGreaterThan(RATE);
    expect(pubacks).toBe(acksAtOutage);
    expect(await r.readyz()).toBe(503);

    await outage.end(aof);
    await waitFor(async () => (await r.readyz()) === 200, 'ready again', 20_000);
    await load.untilAccepted(load.accepted.length + RATE);
    const accepted = await load.stop();

    expect(await r.count(load, accepted)).toEqual(exactlyOnce(1));
    expect(pubacks).toBeGreaterThan(acksAtOutage);
    expect(r.screen.received.connects).toBe(1);
    console.info(
      `${outage.name}: ${load.published} messages, ${accepted.length - acceptedAtOutage}` +
        ` accepted by the broker from the outage on, none acknowledged by ingest while Redis was away`,
    );
  }, 60_000);
});
