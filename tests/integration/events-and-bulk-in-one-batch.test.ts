import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopics, type FeedKind, type Reading } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { ClientClosedError } from 'redis';
import type { Summary } from '../../ingest/src/pipeline';
import { createTestPipeline } from '../helpers/pipeline';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { connectRedis, dropPrefix } from '../helpers/redis';

const AGENCY = 'ent-steps';
const FIRE = 'fire-steps';

/**
 * In a batch, an agency's events go before the readings and positions behind them. The bulk
 * waits only for the events it is evaluated on (hazards for readings; resource messages and
 * order replies for positions); behind anything else (an incident) it is evaluated while the
 * previous batch is still being written, and the event waits its turn alongside.
 */
describe('events and readings in one batch', () => {
  const iso = isolate('batch-steps');
  const keys = createKeys(iso.prefix);
  const topics = createTopics(iso.topicRoot);
  let redis: Redis;
  let eventsRedis: Redis;
  let pipeline: ReturnType<typeof createTestPipeline>;
  const t0 = Date.now() - 60_000;

  const message = (agency: string, kind: FeedKind, body: unknown) => ({
    topic: topics.feed(agency, kind),
    payload: Buffer.from(JSON.stringify(body)),
  });
  const hazard = (high: number, highHigh: number, ts: number) => {
    const h = hazardMessage('tank-farm-1', new Date(ts).toISOString());
    return { ...h, sensors: [{ ...h.sensors[0]!, thresholds: { high, highHigh, deadband: 2 } }] };
  };
  const incident = (ts: number) => ({
    id: 'inc-1',
    ts: new Date(ts).toISOString(),
    type: 'fire',
    category: 'accident_disaster',
    level: 'III',
    status: 'reported',
    title: '仓库火情',
    location: { type: 'Point', coordinates: [119.95, 31.78] },
  });
  const vehicle = (ts: number) => ({
    id: 'engine-9',
    ts: new Date(ts).toISOString(),
    type: 'fire_engine',
    name: '九号消防车',
    status: 'available',
    location: { type: 'Point', coordinates: [119.96, 31.79] },
  });
  const position = (ts: number) => ({
    id: 'engine-9',
    ts: new Date(ts).toISOString(),
    location: { type: 'Point', coordinates: [119.97, 31.8] },
    speed: 40,
  });
  const stored = async (id: string) =>
    JSON.parse((await redis.hGet(keys.state('reading'), `${AGENCY}:${id}`))!) as Reading;
  const applied = (s: Summary) => s.applied;

  const pipelineWith = (events: Redis) =>
    createTestPipeline({ redis, keys, topics, eventsRedis: events });

  beforeAll(async () => {
    redis = await connectRedis();
    // Events on a connection of their own, as ingest runs them.
    eventsRedis = await connectRedis();
    pipeline = pipelineWith(eventsRedis);
  });
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    await Promise.all([redis.close(), eventsRedis.close()]);
  });

  it('evaluates readings behind a hazard on that hazard', async () => {
    const done = await pipeline.handleBatch([
      message(AGENCY, 'hazard', hazard(85, 95, t0)),
      message(AGENCY, 'sensor', reading('tank-farm-1-lt1', 90, t0 + 1_000)),
    ]);
    expect(done.map(applied)).toEqual([1, 1]);
    expect((await stored('tank-farm-1-lt1')).level).toBe('H');
    // New thresholds and a reading under the old ones but over the new: read on the new.
    const again = await pipeline.handleBatch([
      message(AGENCY, 'hazard', hazard(50, 60, t0 + 2_000)),
      message(AGENCY, 'sensor', reading('tank-farm-1-lt1', 65, t0 + 3_000)),
    ]);
    expect(again.map(applied)).toEqual([1, 1]);
    expect((await stored('tank-farm-1-lt1')).level).toBe('HH');
  });

  it('takes positions of a unit registered by the message before them', async () => {
    const done = await pipeline.handleBatch([
      message(FIRE, 'resource', vehicle(t0)),
      message(FIRE, 'resource', [position(t0 + 1_000)]),
    ]);
    expect(done.map(applied)).toEqual([1, 1]);
    const at = JSON.parse((await redis.hGet(keys.state('position'), `${FIRE}:engine-9`))!) as {
      ts: number;
    };
    expect(at.ts).toBe(t0 + 1_000);
  });

  /** A writeAfter the test opens, counting who waits on it. */
  const heldTurn = () => {
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    const turn = { waiting: 0, open };
    const writeAfter = {
      then: (resolve: () => void, reject: (err: unknown) => void) => {
        turn.waiting++;
        return opened.then(resolve, reject);
      },
    } as unknown as Promise<void>;
    return { turn, writeAfter };
  };
  const until = async (done: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it('writes readings behind an incident right behind the batch before; the incident once it is stored', async () => {
    // The previous batch is sent, not yet stored: the incident waits for it to be stored; the
    // readings are read, evaluated and written behind its writes at once.
    const { turn, writeAfter } = heldTurn();
    const batch = pipeline.handleBatch(
      [
        message(FIRE, 'incident', incident(t0 + 5_000)),
        message(AGENCY, 'sensor', reading('tank-farm-1-lt1', 66, t0 + 6_000)),
      ],
      { readAfter: Promise.resolve(), writeAfter, sent: () => {} },
    );
    await until(async () => (await stored('tank-farm-1-lt1')).ts === t0 + 6_000);
    expect((await stored('tank-farm-1-lt1')).ts).toBe(t0 + 6_000);
    expect(turn.waiting).toBe(1);
    expect(await redis.hExists(keys.state('incident'), `${FIRE}:inc-1`)).toBeFalsy();
    turn.open();
    expect((await batch).map(applied)).toEqual([1, 1]);
    expect(await redis.hExists(keys.state('incident'), `${FIRE}:inc-1`)).toBeTruthy();
  });

  it("holds only the agency a hazard is of: other agencies' readings go on", async () => {
    const OTHER = 'ent-steps-2';
    await pipeline.handleBatch([message(OTHER, 'hazard', hazard(85, 95, t0))]);
    const otherReading = async () =>
      JSON.parse(
        (await redis.hGet(keys.state('reading'), `${OTHER}:tank-farm-1-lt1`)) ?? '{}',
      ) as Partial<Reading>;
    const { turn, writeAfter } = heldTurn();
    const batch = pipeline.handleBatch(
      [
        message(AGENCY, 'hazard', hazard(40, 45, t0 + 30_000)),
        message(AGENCY, 'sensor', reading('tank-farm-1-lt1', 42, t0 + 31_000)),
        message(OTHER, 'sensor', reading('tank-farm-1-lt1', 42, t0 + 31_000)),
      ],
      { readAfter: Promise.resolve(), writeAfter, sent: () => {} },
    );
    // The hazard waits for the batch before to be stored, and its agency's readings for it;
    // the other agency's readings are written meanwhile, on their own hazard (high at 85).
    await until(async () => (await otherReading()).ts === t0 + 31_000);
    expect(await otherReading()).toMatchObject({ ts: t0 + 31_000, level: 'normal' });
    expect((await stored('tank-farm-1-lt1')).ts).toBeLessThan(t0 + 31_000);
    turn.open();
    expect((await batch).map(applied)).toEqual([1, 1, 1]);
    // Evaluated on the new thresholds: 42 is over high (40), under high-high (45).
    expect(await stored('tank-farm-1-lt1')).toMatchObject({ ts: t0 + 31_000, level: 'H' });
  });

  it("holds the next batch's positions of a unit until the batch before registers it", async () => {
    // The batch before registers engine-7 and counts as sent at once (no bulk is behind the
    // event); its event waits for its turn. The next batch's positions of engine-7 wait for the
    // event, not refused as of an unknown unit.
    const { turn, writeAfter } = heldTurn();
    let markSent: () => void = () => {};
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const first = pipeline.handleBatch(
      [message(FIRE, 'resource', { ...vehicle(t0), id: 'engine-7' })],
      {
        readAfter: Promise.resolve(),
        writeAfter,
        sent: markSent,
      },
    );
    await sent;
    const next = pipeline.handleBatch(
      [message(FIRE, 'resource', [{ ...position(t0 + 1_000), id: 'engine-7' }])],
      { readAfter: sent, writeAfter: first.then(() => {}), sent: () => {} },
    );
    await until(() => turn.waiting >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await redis.hExists(keys.state('position'), `${FIRE}:engine-7`)).toBeFalsy();
    turn.open();
    expect((await first).map(applied)).toEqual([1]);
    expect((await next).map((s) => [s.applied, s.rejected])).toEqual([[1, 0]]);
  });

  it('records the refusals of a step once when its event fails and the batch is retried', async () => {
    // The incident's connection is gone: the event fails (Redis unreachable), the batch with it.
    const gone = await connectRedis();
    await gone.close();
    const batch = [
      message(FIRE, 'incident', incident(t0 + 20_000)),
      message(AGENCY, 'sensor', reading('no-such-sensor', 1, t0 + 20_000)),
    ];
    const before = await redis.xLen(keys.rejects);
    await expect(pipelineWith(gone).handleBatch(batch)).rejects.toThrow();
    expect(await redis.xLen(keys.rejects)).toBe(before);
    // Retried once Redis is back: the unknown sensor's reading is refused, once.
    const done = await pipeline.handleBatch(batch);
    expect(done.map((s) => s.rejected)).toEqual([0, 1]);
    expect(await redis.xLen(keys.rejects)).toBe(before + 1);
  });

  it('retries a batch on what the batches before it held, never on the ones after', async () => {
    // The events' connection fails until the first attempt is over (as Redis going away), so
    // the batch's hazard fails and the batch is retried, as the subscriber does. Meanwhile the
    // next batch (it counts the first as sent) holds the agency's readings in turn: the retry
    // must not wait for it, which waits for the first to be stored.
    const AG = 'ent-steps-3';
    let failing = true;
    const flaky = new Proxy(eventsRedis, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (failing) throw new ClientClosedError();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const own = pipelineWith(flaky);
    const deferred = () => {
      let resolve: () => void = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    };
    const firstSent = deferred();
    const firstDone = deferred();
    const first = (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await own.handleBatch(
            [
              message(AG, 'hazard', hazard(85, 95, t0 + 40_000)),
              message(AG, 'sensor', reading('tank-farm-1-lt1', 90, t0 + 41_000)),
            ],
            {
              readAfter: Promise.resolve(),
              writeAfter: Promise.resolve(),
              sent: firstSent.resolve,
              done: firstDone.promise,
            },
          );
        } catch (err) {
          if (attempt > 3) throw err;
          failing = false;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    })();
    void first.then(firstDone.resolve, firstDone.resolve);
    await firstSent.promise;
    const next = own.handleBatch(
      [
        message(AG, 'hazard', hazard(85, 95, t0 + 42_000)),
        message(AG, 'sensor', reading('tank-farm-1-lt1', 91, t0 + 43_000)),
      ],
      {
        readAfter: firstSent.promise,
        writeAfter: first.then(() => {}),
        sent: () => {},
        done: new Promise(() => {}),
      },
    );
    const within = (ms: number) =>
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stuck')), ms));
    const [a, b] = await Promise.race([Promise.all([first, next]), within(5_000)]);
    expect([...a, ...b].map(applied)).toEqual([1, 1, 1, 1]);
    const latest = JSON.parse(
      (await redis.hGet(keys.state('reading'), `${AG}:tank-farm-1-lt1`))!,
    ) as Reading;
    expect(latest).toMatchObject({ ts: t0 + 43_000, level: 'H' });
  });
});
