import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warning } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { PROVINCIAL_SENDER, capTime, provincialFog } from '../helpers/cap-fixtures';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { waitFor } from '../helpers/wait';

/**
 * A provincial meteorological bureau's fog warning: alert, update (upgraded to orange), cancel.
 * Its cancel carries an info block without any area, which CAP allows and provincial bureaus
 * publish; it was refused ("areas: Too small"), so the cancelled warning stayed on the wall.
 * An update without an area keeps the warning's areas; an alert without one is refused.
 */
describe.each(BROKERS)('on $name: a provincial bureau’s CAP warning', (broker) => {
  let h: FeedHarness;
  beforeAll(async () => {
    h = await startFeedHarness('cap-province', broker, 'js-qxt');
  });
  afterAll(async () => {
    await h.stop();
  });

  const stored = async (id: string) => {
    const json = await h.redis.hGet(h.keys.state('warning'), id);
    return json ? Warning.parse(JSON.parse(json)) : undefined;
  };
  const lastReject = async (before: number) =>
    waitFor(async () => {
      const all = await h.rejects();
      return all.length > before ? all[all.length - 1] : undefined;
    }, 'reject recorded');

  it('is issued, upgraded without an area, then cancelled by a cancel without an area', async () => {
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 600_000;
    const expires = capTime(t0 + 6 * 3_600_000);
    const alertId = '32000041600000_20261207093000';
    const id = `${h.agency}:${alertId}`;
    await h.publish(
      'warning',
      provincialFog({
        identifier: alertId,
        sent: capTime(t0),
        msgType: 'Alert',
        colour: '黄色',
        expires,
      }),
      true,
    );
    const alert = await waitFor(() => stored(id), 'alert stored');
    expect(alert).toMatchObject({ signal: 'yellow', headline: '江苏省气象台发布大雾黄色预警信号' });
    // Only Changzhou's outline is drawn; the other cities' codes are kept.
    expect(alert!.areas).toHaveLength(1);
    expect(alert!.areas[0]!.geocodes).toEqual(['320400', '320200', '320500']);

    // The upgrade leaves its area out: it keeps the alert's.
    const updateId = '32000041600000_20261207103000';
    await h.publish(
      'warning',
      provincialFog({
        identifier: updateId,
        sent: capTime(t0 + 120_000),
        msgType: 'Update',
        references: `${PROVINCIAL_SENDER},${alertId},${capTime(t0)}`,
        colour: '橙色',
        expires,
        area: false,
      }),
      true,
    );
    const upgraded = await waitFor(
      async () => ((await stored(id))?.identifier === updateId ? stored(id) : undefined),
      'update applied',
    );
    expect(upgraded).toMatchObject({ signal: 'orange', msgType: 'update' });
    expect(upgraded!.areas).toEqual(alert!.areas);

    await h.publish(
      'warning',
      provincialFog({
        identifier: '32000041600000_20261207113000',
        sent: capTime(t0 + 240_000),
        msgType: 'Cancel',
        references: `${PROVINCIAL_SENDER},${updateId},${capTime(t0 + 120_000)}`,
        colour: '橙色',
        expires,
        area: false,
      }),
      true,
    );
    await waitFor(async () => !(await stored(id)), 'warning removed');
    const events = (await h.events()).filter((e) => e.kind === 'warning').map((e) => e.op);
    expect(events).toEqual(['upsert', 'upsert', 'remove']);
    expect(await h.rejects()).toEqual([]);
  });

  it('refuses an alert without an area, naming the field', async () => {
    const before = (await h.rejects()).length;
    await h.publish(
      'warning',
      provincialFog({
        identifier: '32000041600000_20261207120000',
        sent: capTime(Date.now() - 60_000),
        msgType: 'Alert',
        colour: '黄色',
        expires: capTime(Date.now() + 3_600_000),
        area: false,
      }),
      true,
    );
    expect(await lastReject(before)).toMatchObject({
      code: 'feed.invalid',
      path: ['areas'],
      reason: 'areas: an alert needs at least one area (a polygon, a circle or a division code)',
    });
  });
});
