import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { COMMANDER, commandId, startOrdersHarness, type OrdersHarness } from '../helpers/orders';
import { waitFor } from '../helpers/wait';

/**
 * Two commanders race for the same unit: the second dispatch sends the units still free and
 * names the taken one with a code the tablet words in its own language (never the whole order
 * refused in raw English).
 */
describe.each(BROKERS)('on $name: a dispatch racing another for a unit', (broker) => {
  let h: OrdersHarness;
  let fire: Awaited<ReturnType<OrdersHarness['agency']>>;
  let incidentId: string;

  /** Appends a dispatch to the commands stream, as the server does, and waits for ingest's result. */
  async function dispatch(resourceIds: string[]): Promise<CommandResult> {
    const command = { commandId: commandId(), type: 'dispatch', incidentId, resourceIds };
    await h.redis.xAdd(h.keys.commands, '*', {
      e: JSON.stringify({ command, identity: COMMANDER, at: Date.now() }),
    });
    return waitFor(async () => {
      const json = await h.redis.get(h.keys.commandResult(command.commandId));
      const stored = json === null ? null : (JSON.parse(json) as Record<string, unknown>);
      return stored !== null && 'ok' in stored && (stored as CommandResult);
    }, 'command result');
  }

  beforeAll(async () => {
    h = await startOrdersHarness('partial-dispatch', broker);
    fire = await h.agency('xinbei-fire');
    incidentId = await fire.registerIncident();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('dispatches the units still free and lists the taken one with its code and status', async () => {
    const [a, b, c] = [
      await fire.registerUnit('RACE-A'),
      await fire.registerUnit('RACE-B'),
      await fire.registerUnit('RACE-C'),
    ];
    const first = await dispatch([a]);
    expect(first).toMatchObject({ ok: true });
    expect(first).not.toHaveProperty('refused');
    await waitFor(() => fire.received().some((m) => m.notice.resourceId === 'RACE-A'), 'A sent');

    const second = await dispatch([b, a, c]);
    expect(second).toMatchObject({
      ok: true,
      refused: [{ resourceId: a, code: 'dispatch.unit_busy', status: 'dispatched' }],
    });
    // Two orders with their resources' updates.
    expect(second.ok && second.eventIds).toHaveLength(4);
    for (const id of [b, c]) expect((await h.resource(id))?.status).toBe('dispatched');
    await waitFor(
      () =>
        fire.received().filter((m) => m.notice.resourceId !== 'RACE-A').length >= 2 &&
        fire.received(),
      'B and C sent',
    );
    // A got exactly one order: the first commander's.
    expect(fire.received().filter((m) => m.notice.resourceId === 'RACE-A')).toHaveLength(1);
  });

  it('refuses as stale, with every unit named, when none is free; unknown units have their own code', async () => {
    const busy = await fire.registerUnit('RACE-D', 'en_route');
    const before = fire.received().length;
    const result = await dispatch([busy, 'xinbei-fire:GONE']);
    expect(result).toMatchObject({
      ok: false,
      code: 'command.stale',
      refused: [
        { resourceId: busy, code: 'dispatch.unit_busy', status: 'en_route' },
        { resourceId: 'xinbei-fire:GONE', code: 'dispatch.unit_unknown' },
      ],
    });
    expect(fire.received()).toHaveLength(before);
    expect((await h.resource(busy))?.status).toBe('en_route');
  });
});
