import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_GROUP, type ArchiveStatus } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { exactlyOnce, tally } from '../helpers/fault-load';
import {
  killProductProcesses,
  spawnProduct,
  type ProductProcess,
} from '../helpers/fault-processes';
import { startFaultRig, type FaultRig } from '../helpers/fault-rig';
import { isolate } from '../helpers/isolation';
import { startPostgresProxy, testSchema, type TestSchema } from '../helpers/postgres';
import { REDIS_URL } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const AGENCY = 'ent-test';
/** Incident reports per second, each an event, all through the faults. */
const RATE = 20;
/** How long PostgreSQL is unreachable (the "down for 30 s"). */
const OUTAGE_MS = 30_000;

/**
 * The archiver as its own OS process (the real entry point) reaching PostgreSQL through a proxy
 * the test takes down: every connection reset and connecting refused, as with a stopped server,
 * for 30 s under steady load. Then the archiver is SIGKILLed mid-load and started again.
 * Afterwards the archive holds every event of the stream exactly once, and the live picture
 * (Redis, a connected screen, /readyz) never noticed.
 */
describe('the archive through a PostgreSQL outage and an archiver SIGKILL under load', () => {
  const iso = isolate('fault-archive');
  let stopBroker: () => Promise<void> = async () => {};
  let rig: FaultRig;
  let db: TestSchema;
  let proxy: Awaited<ReturnType<typeof startPostgresProxy>>;

  beforeAll(async () => {
    const broker = await BROKERS[0]!.start();
    stopBroker = broker.stop;
    rig = await startFaultRig({
      name: iso,
      redisUrl: REDIS_URL,
      brokerUrl: broker.url,
      agency: AGENCY,
    });
    db = await testSchema(iso);
    proxy = await startPostgresProxy();
  });
  afterAll(async () => {
    await killProductProcesses();
    await proxy?.close();
    await rig?.stop();
    await db?.drop();
    await stopBroker();
  });

  it('archives every event exactly once, while the screens never wait for it', async () => {
    const { keys, redis } = rig;
    const archiverEnv = {
      REDIS_URL,
      REDIS_PREFIX: iso.prefix,
      DATABASE_URL: db.via(proxy.port),
      ARCHIVER_CONSUMER: iso.clientId('archiver'),
    };
    let archiver: ProductProcess = await spawnProduct('archiver', archiverEnv);
    const archived = async () =>
      Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n);
    const readyz = async () => {
      const res = await fetch(`${rig.server.url}/readyz`);
      return {
        status: res.status,
        archive: ((await res.json()) as { archive: ArchiveStatus | null }).archive,
      };
    };

    const load = rig.startLoad(RATE);
    await waitFor(async () => (await archived()) >= 2 * RATE, 'the archive filling', 20_000);

    // PostgreSQL unreachable.
    await proxy.down();
    const onScreen = () => rig.screen.received.events.length;
    const atDown = onScreen();
    const downAt = Date.now();
    // /readyz says so, and stays 200: the screens do not need the archive.
    const during = await waitFor(
      async () => {
        const r = await readyz();
        return r.archive?.database === false ? r : undefined;
      },
      'readyz reporting the archive database down',
      20_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\narchiver: ${archiver.logs().slice(-3_000)}`);
    });
    expect(during.status).toBe(200);
    expect(during.archive?.up).toBe(true);
    // The live picture goes on: the screen keeps receiving, and the archive lags behind.
    await waitFor(() => onScreen() >= atDown + 5 * RATE, 'the screen receiving during the outage');
    await waitFor(async () => ((await readyz()).archive?.lag ?? 0) > 0, 'the archive lagging');
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
    await proxy.up();
    await waitFor(
      async () => (await readyz()).archive?.database === true,
      'the archiver writing again',
      30_000,
    );

    // Killed mid-load: what it had read and not acknowledged stays pending for it.
    const before = await archived();
    await waitFor(
      async () => (await archived()) > before + RATE,
      'the archiver catching up',
      30_000,
    );
    // It rode the outage out, retrying, rather than dying of it.
    expect(() => process.kill(archiver.pid, 0)).not.toThrow();
    expect(archiver.logs()).toMatch(/"postgres":true,"msg":"archiver failed; retrying"/);
    await archiver.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 2_000));
    archiver = await spawnProduct('archiver', archiverEnv);

    const accepted = await load.stop();
    // The live side: every accepted incident in Redis and on the screen, exactly once.
    expect(await rig.count(load, accepted)).toEqual(exactlyOnce(1));

    // The archive: every event of the stream, once, by event id.
    const streamIds = ((await redis.xRange(keys.events, '-', '+')) ?? []).map((e) => e.id);
    await waitFor(
      async () => (await archived()) >= streamIds.length,
      `${streamIds.length} events archived`,
      60_000,
    );
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT stream_ms || '-' || stream_seq AS id FROM events ORDER BY stream_ms, stream_seq`,
    );
    expect(
      tally(
        streamIds,
        rows.map((r) => r.id),
      ),
    ).toEqual({
      missing: [],
      duplicated: [],
      unexpected: [],
    });
    // Caught up: nothing left to deliver or to acknowledge, and /readyz says so.
    await waitFor(async () => {
      const a = (await readyz()).archive;
      return a?.lag === 0 && a.pending === 0 && a.telemetryLag === 0;
    }, 'the archive caught up');
    const groups = (await redis.xInfoGroups(keys.events)) as unknown as { name: string }[];
    expect(groups.map((g) => g.name)).toContain(ARCHIVE_GROUP);
    expect(archiver.logs()).toMatch(/"msg":"archiver reading the events stream"/);
  }, 240_000);
});
