import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm, Coverage, StampedEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/*
 * The harness's grade-1 hazard `tank-farm-1` is at [119.93, 31.95]. One fire engine 1 km north
 * (1.5 min at the 40 km/h planning speed, no road network) covers it within 5 minutes; dispatched
 * to a level III incident elsewhere, it leaves the hazard uncovered.
 */
const coverages = (events: StampedEvent[]) =>
  events.flatMap((e) => (e.kind === 'coverage' && e.op === 'upsert' ? [e.data] : []));
const alarms = (events: StampedEvent[]) =>
  events.flatMap((e) =>
    e.kind === 'alarm' && e.op === 'upsert' && e.data.cause === 'coverage' ? [e.data] : [],
  );

describe.each(BROKERS)('on $name: fire-rescue coverage', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const hazardId = () => `${h.agency}:tank-farm-1`;
  beforeAll(async () => {
    h = await startFeedHarness('coverage', broker);
    server = await startTestServer(h.iso);
    await h.publish('resource', {
      id: 'FE-1',
      ts: new Date(Date.now() - 30_000).toISOString(),
      type: 'fire_engine',
      name: '新北消防站 1 号水罐车',
      status: 'available',
      location: { type: 'Point', coordinates: [119.93, 31.959] },
    });
    await h.publish('incident', {
      id: 'FIRE-9',
      ts: new Date(Date.now() - 30_000).toISOString(),
      type: 'fire',
      category: 'accident_disaster',
      level: 'III',
      status: 'responding',
      title: '仓库火情',
      location: { type: 'Point', coordinates: [119.99, 31.99] },
    });
    await waitFor(() => h.redis.hGet(h.keys.state('incident'), `${h.agency}:FIRE-9`), 'incident');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('a screen sees the hazard covered, then uncovered with an alarm once its engine is dispatched, then covered again after recall', async () => {
    const screen = await connectAs(server);
    const latest = (): Coverage | undefined =>
      coverages(screen.received.events).at(-1) ?? screen.received.snapshots.at(-1)?.coverage?.[0];
    try {
      const covered = await waitFor(
        () => {
          const c = latest();
          return c?.targets.find((t) => t.id === hazardId() && t.covered) ? c : undefined;
        },
        'hazard covered',
        20_000,
      );
      expect(covered.targets.find((t) => t.id === hazardId())).toMatchObject({
        kind: 'hazard',
        etaMinutes: 2,
        unitId: `${h.agency}:FE-1`,
        basis: 'straight',
      });
      expect(covered.uncovered).toBe(0);

      const sent = await postCommand(server, {
        type: 'dispatch',
        commandId: newCommandId(),
        incidentId: `${h.agency}:FIRE-9`,
        resourceIds: [`${h.agency}:FE-1`],
      });
      expect(sent.body).toMatchObject({ ok: true });
      const gap = await waitFor(
        () => {
          const c = latest();
          return c && c.uncovered > 0 ? c : undefined;
        },
        'coverage gap on the screen',
        20_000,
      );
      expect(gap.targets[0]).toMatchObject({ id: hazardId(), etaMinutes: null, covered: false });
      const alarm: Alarm = await waitFor(
        () => alarms(screen.received.events).find((a) => a.status === 'active'),
        'coverage alarm',
      );
      expect(alarm.lastValue).toBe(1);

      const back = await postCommand(server, {
        type: 'recall',
        commandId: newCommandId(),
        resourceId: `${h.agency}:FE-1`,
      });
      expect(back.body).toMatchObject({ ok: true });
      await h.publish('resource', {
        id: 'FE-1',
        ts: new Date().toISOString(),
        type: 'fire_engine',
        name: '新北消防站 1 号水罐车',
        status: 'available',
        location: { type: 'Point', coordinates: [119.93, 31.959] },
      });
      await waitFor(
        () => alarms(screen.received.events).find((a) => a.status === 'cleared'),
        'coverage alarm cleared',
        20_000,
      );
      expect(latest()?.uncovered).toBe(0);
    } finally {
      screen.close();
    }
  }, 90_000);
});
