import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alarm, StockLedger, type StampedEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/*
 * A depot publishes its inventory over MQTT (the resource kind): 10 tents (minimum 5) and 2000
 * sandbags. Commands issue and replenish; the ledger never goes below zero.
 */
const depotMessage = (tents: number) => ({
  id: 'depot-1',
  ts: new Date().toISOString(),
  type: 'material_depot',
  name: '市救灾物资储备库',
  status: 'available',
  location: { type: 'Point', coordinates: [119.95, 31.78] },
  inventory: [
    { item: '帐篷', quantity: tents, unit: '顶', minimum: 5 },
    { item: '沙袋', quantity: 2000, unit: '条' },
  ],
});

describe.each(BROKERS)('on $name: a depot stock ledger', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const depotId = () => `${h.agency}:depot-1`;
  const ledger = async () => {
    const json = await h.redis.hGet(h.keys.state('stock'), depotId());
    return json ? StockLedger.parse(JSON.parse(json)) : undefined;
  };
  const quantity = async (item: string) =>
    (await ledger())?.items.find((l) => l.item === item)?.quantity;

  beforeAll(async () => {
    h = await startFeedHarness('stock', broker);
    server = await startTestServer(h.iso);
    await h.publish('resource', depotMessage(10));
    await waitFor(() => ledger(), 'ledger seeded from the depot feed');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('is seeded from the depot inventory; a repeated depot message keeps the issued count', async () => {
    expect((await ledger())!.items).toEqual([
      { item: '帐篷', quantity: 10, unit: '顶', minimum: 5 },
      { item: '沙袋', quantity: 2000, unit: '条' },
    ]);
    const r = await postCommand(server, {
      type: 'stock.issue',
      commandId: newCommandId(),
      depotId: depotId(),
      item: '沙袋',
      quantity: 500,
    });
    expect(r.body).toMatchObject({ ok: true });
    expect(await quantity('沙袋')).toBe(1500);
    await h.publish('resource', {
      ...depotMessage(10),
      ts: new Date(Date.now() + 1).toISOString(),
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await quantity('沙袋')).toBe(1500);
  });

  it('an issue below zero is refused with a clear error, changes nothing, and is audited', async () => {
    const commandId = newCommandId();
    const r = await postCommand(server, {
      type: 'stock.issue',
      commandId,
      depotId: depotId(),
      item: '帐篷',
      quantity: 11,
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, commandId, code: 'command.insufficient' });
    if (r.body.ok) throw new Error('unreachable');
    expect(r.body.message).toContain('10 顶 left, 11 asked');
    expect(r.body.message).toContain('库存不足');
    expect(await quantity('帐篷')).toBe(10);
    const audit = await api(server, '/api/v1/audit', 'commander');
    const text = JSON.stringify(await audit.json());
    expect(text).toContain(commandId);
    expect(text).toContain('stock.issue');
  });

  it('issuing below the minimum raises a low-stock alarm a screen sees; replenishing clears it', async () => {
    const screen = await connectAs(server);
    try {
      await waitFor(() => screen.received.snapshots[0], 'snapshot');
      const sent = await postCommand(server, {
        type: 'stock.issue',
        commandId: newCommandId(),
        depotId: depotId(),
        item: '帐篷',
        quantity: 7,
        note: '转移安置点',
      });
      expect(sent.body).toMatchObject({ ok: true });
      const alarms = (events: StampedEvent[]) =>
        events.flatMap((e) => (e.kind === 'alarm' && e.op === 'upsert' ? [e.data] : []));
      const raised = await waitFor(
        () => alarms(screen.received.events).find((a) => a.cause === 'low_stock'),
        'low-stock alarm on the screen',
      );
      expect(raised).toMatchObject({
        depotId: depotId(),
        item: '帐篷',
        status: 'active',
        level: 'L',
        lastValue: 3,
      });
      const stock = await waitFor(
        () =>
          screen.received.events.find(
            (e) =>
              e.kind === 'stock' &&
              e.op === 'upsert' &&
              e.data.last?.op === 'issue' &&
              e.data.last.item === '帐篷',
          ),
        'stock event on the screen',
      );
      expect(stock).toMatchObject({ data: { last: { quantity: 7, note: '转移安置点' } } });

      const back = await postCommand(server, {
        type: 'stock.replenish',
        commandId: newCommandId(),
        depotId: depotId(),
        item: '帐篷',
        quantity: 20,
      });
      expect(back.body).toMatchObject({ ok: true });
      const cleared = await waitFor(
        () =>
          alarms(screen.received.events).find(
            (a) => a.cause === 'low_stock' && a.status === 'cleared',
          ),
        'low-stock alarm cleared',
      );
      expect(cleared.lastValue).toBe(23);
      expect(await h.redis.hGet(h.keys.state('alarm'), raised.id)).toBeNull();
      expect(await quantity('帐篷')).toBe(23);
      expect(Alarm.parse(cleared).status).toBe('cleared');
    } finally {
      screen.close();
    }
  });

  it('the same command id twice applies once', async () => {
    const commandId = newCommandId();
    const issue = {
      type: 'stock.issue',
      commandId,
      depotId: depotId(),
      item: '沙袋',
      quantity: 100,
    };
    const before = (await quantity('沙袋'))!;
    expect((await postCommand(server, issue)).body).toMatchObject({ ok: true });
    expect((await postCommand(server, issue)).body).toMatchObject({ ok: true });
    expect(await quantity('沙袋')).toBe(before - 100);
  });

  it('decision support matches the depot to a flood with its live quantities', async () => {
    await h.publish('incident', {
      id: 'FLOOD-1',
      ts: new Date().toISOString(),
      type: 'flood',
      category: 'natural_disaster',
      level: 'III',
      status: 'responding',
      title: '内涝',
      location: { type: 'Point', coordinates: [119.96, 31.79] },
    });
    await waitFor(
      () => h.redis.hGet(h.keys.state('incident'), `${h.agency}:FLOOD-1`),
      'incident stored',
    );
    const live = (await quantity('沙袋'))!;
    expect(live).toBeLessThan(2000);
    const res = await api(server, `/api/v1/incidents/${h.agency}:FLOOD-1/support`, 'commander');
    const body = (await res.json()) as {
      depots: { resource: { id: string }; matches: { item: string; quantity: number }[] }[];
    };
    const depot = body.depots.find((d) => d.resource.id === depotId());
    expect(depot?.matches).toContainEqual(
      expect.objectContaining({ item: '沙袋', quantity: live, unit: '条' }),
    );
    expect(depot?.matches).toContainEqual(
      expect.objectContaining({ item: '帐篷', quantity: 23, minimum: 5 }),
    );
  });
});
