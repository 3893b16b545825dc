import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIngest } from '../../ingest/src/ingest';
import { handleDispatch } from '../../ingest/src/commands/dispatch';
import { orderAlarmId } from '../../ingest/src/sweepers/orders';
import { BROKERS } from '../helpers/brokers';
import { COMMANDER, commandId, startOrdersHarness, type OrdersHarness } from '../helpers/orders';
import { startTestIngest } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const FAST = { ORDER_ACK_TIMEOUT_S: '1', SWEEP_INTERVAL_MS: '100' };

describe.each(BROKERS)('on $name: an order nobody acknowledges', (broker) => {
  let h: OrdersHarness;
  let second: RunningIngest;
  beforeAll(async () => {
    h = await startOrdersHarness('order-timeout', broker, FAST);
    // A second worker sweeps too: the alarm must still be raised and cleared once.
    second = await startTestIngest(h.iso, h.brokerUrl, {
      ...FAST,
      INGEST_CLIENT_ID: h.iso.clientId('ingest-2'),
    });
  });
  afterAll(async () => {
    await second.close();
    await h.stop();
  });

  it('raises an order_timeout alarm, which a late acknowledgement clears', async () => {
    const fire = await h.agency('wujin-fire');
    const incidentId = await fire.registerIncident();
    const resourceId = await fire.registerUnit('WJ-AMB-2');
    const outcome = await handleDispatch(
      h.ctx,
      { commandId: commandId(), type: 'dispatch', incidentId, resourceIds: [resourceId] },
      COMMANDER,
    );
    expect(outcome).toHaveProperty('eventIds');
    const { notice } = await waitFor(() => fire.received()[0], 'order received');
    const orderId = `wujin-fire:${notice.id}`;
    const alarmId = orderAlarmId(orderId);

    const alarm = await waitFor(() => h.alarm(alarmId), 'order_timeout alarm', 5_000);
    expect(alarm).toMatchObject({
      cause: 'order_timeout',
      level: 'H',
      agency: 'wujin-fire',
      status: 'active',
    });
    const order = await h.order(orderId);
    expect(alarm.raisedAt - order!.sentAt).toBeGreaterThanOrEqual(1_000);

    await fire.answer(notice.id, 'acknowledged');
    await waitFor(async () => !(await h.alarm(alarmId)), 'alarm cleared', 5_000);
    expect((await h.order(orderId))?.status).toBe('acknowledged');

    // Let both workers sweep a few more times: one raise, one clear, nothing more.
    await new Promise((r) => setTimeout(r, 400));
    const alarmEvents = (await h.events()).flatMap((e) =>
      e.kind === 'alarm' && e.op === 'upsert' && e.data.id === alarmId ? [e.data.status] : [],
    );
    expect(alarmEvents).toEqual(['active', 'cleared']);
  });
});
