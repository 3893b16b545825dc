import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warning } from '@cc/shared';
import { readSnapshot } from '../../server/src/live/snapshot';
import { BROKERS } from '../helpers/brokers';
import { CAP_SENDER, capAlert, capCancel, capTime } from '../helpers/cap-fixtures';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { waitFor } from '../helpers/wait';

describe.each(BROKERS)('on $name: a CAP alert, its update and its cancel', (broker) => {
  let h: FeedHarness;
  beforeAll(async () => {
    h = await startFeedHarness('cap', broker);
  });
  afterAll(async () => {
    await h.stop();
  });

  const stored = async (id: string) => {
    const json = await h.redis.hGet(h.keys.state('warning'), id);
    return json ? Warning.parse(JSON.parse(json)) : undefined;
  };
  /** Warning events as [op, the update's identifier or the removed id]. */
  const warningEvents = async () =>
    (await h.events()).flatMap((e) =>
      e.kind !== 'warning' ? [] : [[e.op, e.op === 'remove' ? e.entityId : e.data.identifier]],
    );

  it('change the warning in place under the first alert id, then remove it', async () => {
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const id = `${h.agency}:CZ-RAIN-1`;
    await h.publish('warning', capAlert({ identifier: 'CZ-RAIN-1', sent: capTime(t0) }), true);
    const alert = await waitFor(() => stored(id), 'alert stored');
    expect(alert).toMatchObject({
      id,
      agency: h.agency,
      identifier: 'CZ-RAIN-1',
      msgType: 'alert',
      event: '暴雨',
      signal: 'orange',
      headline: '常州市气象台发布暴雨橙色预警信号',
      ts: t0,
    });
    // Polygon and circle of the first area merged; CAP's "lat,lon" stored longitude first.
    expect(alert!.areas[0]!.geometry.type).toBe('MultiPolygon');
    expect(alert!.areas[0]!.geometry.coordinates[0]).toEqual([
      [
        [119.9, 31.95],
        [120.05, 31.95],
        [120.05, 32.05],
        [119.9, 32.05],
        [119.9, 31.95],
      ],
    ]);
    expect(alert!.areas[1]).toMatchObject({ description: '天宁区', geocodes: ['320402'] });

    const expires = t0 + 7_200_000;
    await h.publish(
      'warning',
      capAlert({
        identifier: 'CZ-RAIN-2',
        sent: capTime(t0 + 10_000),
        msgType: 'Update',
        references: `${CAP_SENDER},CZ-RAIN-1,${capTime(t0)}`,
        headline: '常州市气象台将暴雨橙色预警信号升级为红色',
        signal: '红色',
        expires: capTime(expires),
      }),
      true,
    );
    const updated = await waitFor(
      async () => ((await stored(id))?.identifier === 'CZ-RAIN-2' ? stored(id) : undefined),
      'update applied',
    );
    expect(updated).toMatchObject({
      id,
      msgType: 'update',
      signal: 'red',
      headline: '常州市气象台将暴雨橙色预警信号升级为红色',
      expires,
    });
    const snapshot = await readSnapshot(h.redis, h.keys);
    expect(snapshot.warnings).toEqual([updated]);

    // The cancel names the update, not the alert: the map of identifiers finds the warning.
    await h.publish(
      'warning',
      capCancel({
        identifier: 'CZ-RAIN-3',
        sent: capTime(t0 + 20_000),
        references: `${CAP_SENDER},CZ-RAIN-2,${capTime(t0 + 10_000)}`,
      }),
      true,
    );
    await waitFor(async () => !(await stored(id)), 'warning removed');
    expect((await readSnapshot(h.redis, h.keys)).warnings).toEqual([]);
    expect(await warningEvents()).toEqual([
      ['upsert', 'CZ-RAIN-1'],
      ['upsert', 'CZ-RAIN-2'],
      ['remove', id],
    ]);
  });

  it('refuses an update of a warning it never saw as feed.unknown_warning', async () => {
    const before = (await h.rejects()).length;
    const now = Date.now();
    await h.publish(
      'warning',
      capAlert({
        identifier: 'CZ-WIND-9',
        sent: capTime(now - 5_000),
        msgType: 'Update',
        references: `${CAP_SENDER},CZ-WIND-1,${capTime(now - 60_000)}`,
      }),
      true,
    );
    const rejects = await waitFor(async () => {
      const all = await h.rejects();
      return all.length > before ? all : undefined;
    }, 'reject recorded');
    expect(rejects[rejects.length - 1]).toMatchObject({
      code: 'feed.unknown_warning',
      path: ['references'],
      id: 'CZ-WIND-9',
    });
    expect(await stored(`${h.agency}:CZ-WIND-9`)).toBeUndefined();
  });
});
