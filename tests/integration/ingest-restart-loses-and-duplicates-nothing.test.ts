import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { readTelemetryReadings } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const SENSORS = ['tank-farm-1-lt1', 'tank-farm-1-gas1'];
const PER_SENSOR = 300;

describe.each(BROKERS)('on $name: restarting ingest while readings flow', (broker) => {
  let h: FeedHarness;
  beforeAll(async () => {
    h = await startFeedHarness('restart', broker);
  });
  afterAll(() => h.stop());

  it('stores every accepted reading exactly once', async () => {
    const t0 = Date.now() - 3_600_000;
    let restarted: Promise<void> | undefined;
    for (let i = 0; i < PER_SENSOR; i++) {
      // Values wander through the alarm bands so alarm events are part of what must not be lost.
      const value = 80 + 20 * Math.sin(i / 10);
      await Promise.all(SENSORS.map((s) => h.publish('sensor', reading(s, value, t0 + i * 1000))));
      if (i === PER_SENSOR / 3) restarted = h.restartIngest();
    }
    await restarted;

    // Every reading is in its sensor's history. (Aedes redelivers the messages in flight at the
    // restart after newer ones, so some arrive late: history keeps them, state does not go back.)
    const history = async () =>
      (
        await Promise.all(
          SENSORS.map((s) => h.redis.lRange(h.keys.series(`${h.agency}:${s}`), 0, -1)),
        )
      ).flat();
    const total = SENSORS.length * PER_SENSOR;
    await waitFor(async () => (await history()).length >= total, 'every reading stored', 20_000);
    expect((await history()).length).toBe(total);
    expect(await h.rejects()).toEqual([]);

    // Nothing applied twice: the live telemetry stream holds each reading at most once, and the
    // newest reading of each sensor is the current state.
    const live = await readTelemetryReadings(h.redis, h.keys.telemetry);
    expect(new Set(live.map((r) => `${r.id}@${r.ts}`)).size).toBe(live.length);
    for (const s of SENSORS) {
      expect((await h.reading(s))?.ts).toBe(t0 + (PER_SENSOR - 1) * 1000);
    }

    // Alarm events: every raise has one clear or is still active; none repeated.
    const alarmEvents = (await h.events()).flatMap((e) =>
      e.kind === 'alarm' && e.op === 'upsert' ? [e] : [],
    );
    const keys = alarmEvents.map(
      (e) => `${e.data.id}/${e.data.status}/${e.data.level}/${e.data.updatedAt}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);
});
