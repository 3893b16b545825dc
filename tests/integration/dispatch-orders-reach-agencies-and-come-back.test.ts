import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../ingest/src/commands/registry';
import { handleDispatch, handleRecall } from '../../ingest/src/commands/dispatch';
import { BROKERS } from '../helpers/brokers';
import { COMMANDER, commandId, startOrdersHarness, type OrdersHarness } from '../helpers/orders';
import { waitFor } from '../helpers/wait';

const eventIdsOf = (outcome: CommandOutcome) => {
  if (!('eventIds' in outcome)) throw new Error(`refused: ${outcome.code} ${outcome.message}`);
  return outcome.eventIds;
};

describe.each(BROKERS)('on $name: a dispatch', (broker) => {
  let h: OrdersHarness;
  let fire: Awaited<ReturnType<OrdersHarness['agency']>>;
  let incidentId: string;
  beforeAll(async () => {
    h = await startOrdersHarness('dispatch', broker);
    fire = await h.agency('xinbei-fire');
    incidentId = await fire.registerIncident();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('sends one order per resource to the owning agency, QoS 1, and marks them dispatched', async () => {
    const units = [await fire.registerUnit('FE-01'), await fire.registerUnit('FE-02')];
    const outcome = await handleDispatch(
      h.ctx,
      {
        commandId: commandId(),
        type: 'dispatch',
        incidentId,
        resourceIds: units,
        note: '东侧通道进入',
      },
      COMMANDER,
    );
    expect(eventIdsOf(outcome)).toHaveLength(4);

    const received = await waitFor(
      () => fire.received().length >= 2 && fire.received(),
      'two orders received',
    );
    expect(received.map((m) => m.topic)).toEqual([
      h.topics.orders('xinbei-fire'),
      h.topics.orders('xinbei-fire'),
    ]);
    expect(received.map((m) => m.qos)).toEqual([1, 1]);
    expect(received.map((m) => m.notice.resourceId).sort()).toEqual(['FE-01', 'FE-02']);
    for (const { notice } of received) {
      expect(notice).toMatchObject({ kind: 'dispatch', incidentId, by: 'commander-1' });
      const order = await h.order(`xinbei-fire:${notice.id}`);
      expect(order).toMatchObject({ status: 'sent', agency: 'xinbei-fire', incidentId });
    }
    for (const id of units) expect((await h.resource(id))?.status).toBe('dispatched');
  });

  it('moves to acknowledged when the agency answers, with an event', async () => {
    const resourceId = await fire.registerUnit('FE-03');
    const before = fire.received().length;
    eventIdsOf(
      await handleDispatch(
        h.ctx,
        { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [resourceId] },
        COMMANDER,
      ),
    );
    const { notice } = await waitFor(() => fire.received()[before], 'order received');
    await fire.answer(notice.id, 'acknowledged', '已出动');
    const id = `xinbei-fire:${notice.id}`;
    const order = await waitFor(
      async () => (await h.order(id))?.status === 'acknowledged' && h.order(id),
      'order acknowledged',
    );
    expect(order).toMatchObject({ reply: '已出动', resourceId });
    const events = await h.events();
    expect(
      events.some(
        (e) =>
          e.kind === 'order' &&
          e.op === 'upsert' &&
          e.data.id === id &&
          e.data.status === 'acknowledged',
      ),
    ).toBe(true);
  });

  it('frees the resource when the agency refuses', async () => {
    const resourceId = await fire.registerUnit('FE-04');
    const before = fire.received().length;
    eventIdsOf(
      await handleDispatch(
        h.ctx,
        { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [resourceId] },
        COMMANDER,
      ),
    );
    const { notice } = await waitFor(() => fire.received()[before], 'order received');
    await fire.answer(notice.id, 'refused', '车辆故障');
    await waitFor(
      async () => (await h.resource(resourceId))?.status === 'available',
      'resource available again',
    );
    expect((await h.order(`xinbei-fire:${notice.id}`))?.status).toBe('refused');
  });

  it("refuses a dispatch whose units are all busy as stale, with each unit's code, and sends nothing", async () => {
    const busy = await fire.registerUnit('FE-05', 'on_scene');
    const before = fire.received().length;
    const outcome = await handleDispatch(
      h.ctx,
      { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [busy] },
      COMMANDER,
    );
    expect(outcome).toMatchObject({
      ok: false,
      code: 'command.stale',
      path: ['resourceIds', 0],
      refused: [{ resourceId: busy, code: 'dispatch.unit_busy', status: 'on_scene' }],
    });
    expect(fire.received()).toHaveLength(before);
  });

  it('refuses an unknown incident or resource', async () => {
    const free = await fire.registerUnit('FE-07');
    expect(
      await handleDispatch(
        h.ctx,
        { commandId: commandId(), type: 'dispatch', incidentId: 'x:none', resourceIds: [free] },
        COMMANDER,
      ),
    ).toMatchObject({ ok: false, code: 'command.unknown_entity', path: ['incidentId'] });
    expect(
      await handleDispatch(
        h.ctx,
        { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: ['xinbei-fire:nope'] },
        COMMANDER,
      ),
    ).toMatchObject({ ok: false, code: 'command.unknown_entity', path: ['resourceIds', 0] });
  });

  it('applied twice, gives each order once', async () => {
    const resourceId = await fire.registerUnit('FE-08');
    const command = {
      commandId: commandId(),
      type: 'dispatch' as const,
      incidentId,
      resourceIds: [resourceId],
    };
    expect(eventIdsOf(await handleDispatch(h.ctx, command, COMMANDER))).toHaveLength(2);
    expect(eventIdsOf(await handleDispatch(h.ctx, command, COMMANDER))).toEqual([]);
    const orders = (await h.events()).filter(
      (e) => e.kind === 'order' && e.op === 'upsert' && e.data.resourceId === resourceId,
    );
    expect(orders).toHaveLength(1);
  });

  it('recalls a dispatched unit with an order of its own; refuses an available one', async () => {
    const resourceId = await fire.registerUnit('FE-09', 'en_route');
    const before = fire.received().length;
    eventIdsOf(
      await handleRecall(
        h.ctx,
        { commandId: commandId(), type: 'recall', resourceId, note: '返回待命' },
        COMMANDER,
      ),
    );
    const { notice } = await waitFor(() => fire.received()[before], 'recall received');
    expect(notice).toMatchObject({ kind: 'recall', resourceId: 'FE-09', note: '返回待命' });

    const idle = await fire.registerUnit('FE-10');
    expect(
      await handleRecall(
        h.ctx,
        { commandId: commandId(), type: 'recall', resourceId: idle },
        COMMANDER,
      ),
    ).toMatchObject({ ok: false, code: 'command.stale' });
  });

  it('cannot be answered by another agency', async () => {
    const police = await h.agency('xinbei-police');
    const resourceId = await fire.registerUnit('FE-11');
    const before = fire.received().length;
    eventIdsOf(
      await handleDispatch(
        h.ctx,
        { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [resourceId] },
        COMMANDER,
      ),
    );
    const { notice } = await waitFor(() => fire.received()[before], 'order received');
    await police.answer(notice.id, 'refused');
    const reject = await waitFor(
      async () => (await h.rejects()).find((r) => r.agency === 'xinbei-police'),
      'the police answer refused',
    );
    expect(reject).toMatchObject({ code: 'feed.invalid', path: ['id'] });
    const order = await h.order(`xinbei-fire:${notice.id}`);
    expect(order?.status).toBe('sent');
    expect((await h.resource(resourceId))?.status).toBe('dispatched');
  });

  it('goes end to end through the commands stream ingest consumes', async () => {
    const resourceId = await fire.registerUnit('FE-12');
    const before = fire.received().length;
    const command = {
      commandId: commandId(),
      type: 'dispatch',
      incidentId,
      resourceIds: [resourceId],
    };
    await h.redis.xAdd(h.keys.commands, '*', {
      e: JSON.stringify({ command, identity: COMMANDER, at: Date.now() }),
    });
    // The result key holds the consumer's claim (`pending`) until the command is applied.
    const result = await waitFor(async () => {
      const json = await h.redis.get(h.keys.commandResult(command.commandId));
      const stored = json === null ? null : (JSON.parse(json) as Record<string, unknown>);
      return stored !== null && 'ok' in stored && stored;
    }, 'command result');
    expect(result).toMatchObject({ ok: true, commandId: command.commandId });
    const { notice } = await waitFor(() => fire.received()[before], 'order received');
    expect(notice).toMatchObject({ kind: 'dispatch', resourceId: 'FE-12' });
    expect((await h.resource(resourceId))?.status).toBe('dispatched');
  });
});
