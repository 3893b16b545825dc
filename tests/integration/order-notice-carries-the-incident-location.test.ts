import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Order, Position, Resource, type LngLat, type RejectNotice } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { handleDispatch, handleRecall, toOrderNotice } from '../../ingest/src/commands/dispatch';
import { handleIncidentCreate } from '../../ingest/src/commands/incident';
import type { CommandOutcome } from '../../ingest/src/commands/registry';
import { demoPassword } from '../../demo/src/demo-credentials';
import { haversineKm } from '../../demo/src/picture/routing';
import { createSimulator, type Simulator } from '../../demo/src/simulator/simulator';
import { BROKERS } from '../helpers/brokers';
import { isolate } from '../helpers/isolation';
import { COMMANDER, commandId, startOrdersHarness, type OrdersHarness } from '../helpers/orders';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix, readStream } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const applied = (outcome: CommandOutcome) => {
  if (!('eventIds' in outcome)) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return outcome;
};

/** A fire a commander reports from a phone call: no agency has heard of it. */
const CALLED_IN = {
  type: 'fire',
  category: 'accident_disaster',
  level: 'IV',
  title: '天宁区青龙街道居民楼起火',
  address: '天宁区青龙街道龙锦路',
  location: [120.0213, 31.8012] as LngLat,
} as const;

describe.each(BROKERS)('on $name: the order an agency receives', (broker) => {
  let h: OrdersHarness;
  let fire: Awaited<ReturnType<OrdersHarness['agency']>>;
  beforeAll(async () => {
    h = await startOrdersHarness('order-location', broker);
    fire = await h.agency('xinbei-fire');
  });
  afterAll(() => h.stop());

  it('names the title and location of a commander-created incident; a recall names none', async () => {
    applied(
      await handleIncidentCreate(
        h.ctx,
        { commandId: commandId(), type: 'incident.create', id: 'CALL-0001', incident: CALLED_IN },
        COMMANDER,
      ),
    );
    const unit = await fire.registerUnit('FE-21');
    applied(
      await handleDispatch(
        h.ctx,
        {
          commandId: commandId(),
          type: 'dispatch',
          incidentId: 'cc:CALL-0001',
          resourceIds: [unit],
        },
        COMMANDER,
      ),
    );
    const [dispatch] = await waitFor(
      () => fire.received().length === 1 && fire.received(),
      'order',
    );
    expect(dispatch!.notice).toMatchObject({
      kind: 'dispatch',
      resourceId: 'FE-21',
      incidentId: 'cc:CALL-0001',
      incidentTitle: CALLED_IN.title,
      incidentLocation: { type: 'Point', coordinates: CALLED_IN.location },
    });
    // Exactly what the pure builder makes of the stored order and incident.
    const order = await h.order(`xinbei-fire:${dispatch!.notice.id}`);
    expect(dispatch!.notice).toEqual(
      toOrderNotice(order!, { title: CALLED_IN.title, location: CALLED_IN.location }),
    );

    await fire.answer(dispatch!.notice.id, 'acknowledged');
    await waitFor(async () => (await h.order(order!.id))?.status === 'acknowledged', 'ack');
    applied(
      await handleRecall(
        h.ctx,
        { commandId: commandId(), type: 'recall', resourceId: unit },
        COMMANDER,
      ),
    );
    const recall = await waitFor(() => fire.received()[1], 'recall');
    expect(recall.notice.kind).toBe('recall');
    expect(recall.notice).not.toHaveProperty('incidentLocation');
    expect(recall.notice).not.toHaveProperty('incidentTitle');
  });

  it('names the location of another agency’s incident too, as stored in WGS-84', async () => {
    const police = await h.agency('xinbei-police');
    const incidentId = await fire.registerIncident();
    const unit = await police.registerUnit('PC-07');
    applied(
      await handleDispatch(
        h.ctx,
        { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [unit] },
        COMMANDER,
      ),
    );
    const { notice } = await waitFor(() => police.received()[0], 'order to the police');
    expect(notice).toMatchObject({
      incidentId,
      incidentTitle: '新北区化工园区仓库火灾',
      incidentLocation: { type: 'Point', coordinates: [119.9712, 32.0087] },
    });
  });
});

const UNIT = 'cz-119:TN-FE-02';

describe.each(BROKERS)(
  'on $name: a demo agency dispatched to a commander-created incident',
  (broker) => {
    const iso = isolate('order-demo-called-in');
    const keys = createKeys(iso.prefix);
    let redis: Redis;
    let ingest: RunningIngest;
    let stopBroker: () => Promise<void>;
    let sim: Simulator;

    const state = async <T>(
      kind: 'resource' | 'position',
      schema: { parse: (v: unknown) => T },
    ) => {
      const json = await redis.hGet(keys.state(kind), UNIT);
      return json ? schema.parse(JSON.parse(json)) : undefined;
    };
    const order = async () =>
      Object.values(await redis.hGetAll(keys.state('order')))
        .map((json) => Order.parse(JSON.parse(json)))
        .find((o) => o.resourceId === UNIT);
    /** Sends a command the way the server does: onto the stream ingest consumes. */
    const command = (c: Record<string, unknown>) =>
      redis.xAdd(keys.commands, '*', {
        e: JSON.stringify({
          command: { commandId: commandId(), ...c },
          identity: COMMANDER,
          at: Date.now(),
        }),
      });

    beforeAll(async () => {
      redis = await connectRedis();
      const b = await broker.start();
      stopBroker = b.stop;
      ingest = await startTestIngest(iso, b.url);
      sim = createSimulator({
        url: b.url,
        topicRoot: iso.topicRoot,
        seed: 7,
        clientIdSuffix: iso.clientId('sim'),
        credentials: (agency) => ({ username: agency, password: demoPassword(agency) }),
        // Nothing new happens on its own; trips take seconds, not minutes.
        picture: { everydayEveryMs: 0, seriousEveryMs: 0, speedFactor: 1_000 },
        pictureTickMs: 200,
      });
      sim.start();
      await waitFor(
        async () => (await state('resource', Resource))?.status === 'available',
        `${UNIT} registered`,
      );
    });
    afterAll(async () => {
      await sim.stop();
      await ingest.close();
      await dropPrefix(redis, iso.prefix);
      await redis.close();
      await stopBroker();
    });

    it('acknowledges, drives to where the order says and reports on scene, then done', async () => {
      await command({ type: 'incident.create', id: 'CALL-0002', incident: CALLED_IN });
      await waitFor(
        () => redis.hExists(keys.state('incident'), 'cc:CALL-0002'),
        'incident created',
      );
      await command({ type: 'dispatch', incidentId: 'cc:CALL-0002', resourceIds: [UNIT] });

      const answered = await waitFor(async () => {
        const o = await order();
        return o?.status !== 'sent' && o;
      }, 'the dispatch answered');
      expect(answered).toMatchObject({ incidentId: 'cc:CALL-0002', agency: 'cz-119' });
      expect(answered.status).not.toBe('refused');
      await waitFor(
        async () => (await state('resource', Resource))?.status === 'on_scene',
        `${UNIT} on scene`,
        20_000,
      );
      await waitFor(async () => (await order())?.status === 'done', 'the dispatch done');
      const [resource, position] = [
        await state('resource', Resource),
        await state('position', Position),
      ];
      const at = position && position.ts > resource!.ts ? position.location : resource!.location;
      expect(haversineKm(at, CALLED_IN.location)).toBeLessThan(0.2);
      const rejects = await readStream<RejectNotice>(redis, keys.rejects);
      expect(rejects.map((r) => `${r.agency} ${r.code} ${r.reason}`)).toEqual([]);
    });
  },
);
