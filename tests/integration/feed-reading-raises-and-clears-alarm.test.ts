import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alarm } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';

describe.each(BROKERS)('on $name: a reading past a threshold', (broker) => {
  let h: FeedHarness;
  const t0 = Date.now() - 30_000;

  beforeAll(async () => {
    h = await startFeedHarness('alarm', broker);
  });
  afterAll(() => h.stop());

  it('raises an alarm at high-high, then clears it once back below high minus the deadband', async () => {
    const send = async (value: number, dt: number) => {
      await h.publish('sensor', reading(LT, value, t0 + dt));
      return waitFor(async () => {
        const r = await h.reading(LT);
        return r?.ts === t0 + dt ? r : undefined;
      }, `reading ${value} stored`);
    };
    expect((await send(70, 0)).level).toBe('normal');

    const hh = await send(96.5, 1000);
    expect(hh.level).toBe('HH');
    const alarm = Alarm.parse(
      JSON.parse((await h.redis.hGet(h.keys.state('alarm'), hh.alarmId!))!),
    );
    expect(alarm).toMatchObject({
      status: 'active',
      level: 'HH',
      hazardId: `${h.agency}:tank-farm-1`,
      raisedValue: 96.5,
    });

    // Inside the deadband (84 > 85 - 2): eased to the first stage, still open.
    expect((await send(84, 2000)).level).toBe('H');
    expect((await send(80, 3000)).level).toBe('normal');
    expect(await h.redis.hLen(h.keys.state('alarm'))).toBe(0);

    const alarmEvents = (await h.events()).flatMap((e) =>
      e.kind === 'alarm' && e.op === 'upsert' ? [e.data] : [],
    );
    expect(alarmEvents.map((a) => [a.status, a.level])).toEqual([
      ['active', 'HH'],
      ['active', 'H'],
      ['cleared', 'H'],
    ]);
    expect(alarmEvents[2]).toMatchObject({ id: alarm.id, peak: 'HH', lastValue: 80 });
  });
});
