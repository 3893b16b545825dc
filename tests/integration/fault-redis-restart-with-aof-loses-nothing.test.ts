import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKERS } from '../helpers/brokers';
import { exactlyOnce } from '../helpers/fault-load';
import { startAofRedis, type AofRedis } from '../helpers/fault-redis';
import { startFaultRig, type FaultRig } from '../helpers/fault-rig';
import { waitFor } from '../helpers/wait';

const RATE = 40;

/**
 * Redis restarted gracefully (SIGTERM: it fsyncs the AOF and exits) under a steady load, with the
 * persistence docker-compose.yml runs (AOF, appendfsync everysec). While it is gone ingest holds
 * the message in hand unacknowledged and the server's stream tail waits; after it is back nothing
 * accepted is missing, nothing is applied twice, and the connected screen never noticed a gap.
 */
describe.each(BROKERS)(
  'on $name: Redis restarted gracefully with AOF on, under steady load',
  (b) => {
    let aof: AofRedis;
    let broker: { url: string; stop(): Promise<void> } | undefined;
    let rig: FaultRig | undefined;

    beforeAll(async () => {
      aof = await startAofRedis({ appendfsync: 'everysec' });
      broker = await b.start();
      rig = await startFaultRig({
        name: 'fault-redis-restart',
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

    it('keeps every accepted incident, applied once, and the screen follows without a gap', async () => {
      const r = rig!;
      const load = r.startLoad(RATE);
      await waitFor(async () => (await r.applied()) >= RATE, 'ingest applying the load', 20_000);

      await aof.shutdown();
      await load.untilAccepted(load.accepted.length + RATE);
      await aof.start();
      await load.untilAccepted(load.accepted.length + 2 * RATE);
      const accepted = await load.stop();

      expect(await r.count(load, accepted)).toEqual(exactlyOnce(1));
      // The screen stayed connected to the server throughout: the server's tail resumed by itself.
      expect(r.screen.received.connects).toBe(1);
      expect(r.screen.received.snapshots).toHaveLength(1);
      console.info(`${b.name}: ${accepted.length} incidents through a Redis restart`);
    }, 60_000);
  },
);
