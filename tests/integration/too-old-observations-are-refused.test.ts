import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { INCIDENT_EXAMPLE, PLACE_EXAMPLE } from '../helpers/kind-fixtures';
import { waitFor } from '../helpers/wait';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * An incident observed ten years ago, or on 0001-01-01, was stored and shown as open. With the
 * default past bounds it is refused with `feed.past_ts` and changes nothing, while a gateway's
 * backlog of readings a few hours old still goes to history and a place registered years ago is
 * still taken.
 */
describe.each(BROKERS)('on $name: observations older than their kind allows', (broker) => {
  let h: FeedHarness;
  beforeAll(async () => {
    // The defaults, as a deployment runs them (tests widen them for the docs' fixed dates).
    h = await startFeedHarness('past-ts', broker, 'ent-test', {
      MAX_PAST_TELEMETRY_S: String(7 * 86_400),
      MAX_PAST_EVENT_S: String(30 * 86_400),
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  const rejectsFrom = async (before: number, count: number) =>
    waitFor(async () => {
      const all = await h.rejects();
      return all.length >= before + count ? all.slice(before) : undefined;
    }, `${count} rejects recorded`);

  it('refuses an incident from ten years ago or from year 1, and stores neither', async () => {
    const before = (await h.rejects()).length;
    const tenYears = new Date(Date.now() - 3_652 * DAY).toISOString();
    await h.publish('incident', [
      { ...INCIDENT_EXAMPLE, id: 'OLD-1', ts: tenYears },
      { ...INCIDENT_EXAMPLE, id: 'OLD-2', ts: '0001-01-01T00:00:00Z' },
    ]);
    const rejects = await rejectsFrom(before, 2);
    expect(rejects.map((r) => [r.code, r.path, r.id])).toEqual([
      ['feed.past_ts', [0, 'ts'], 'OLD-1'],
      ['feed.past_ts', [1, 'ts'], 'OLD-2'],
    ]);
    expect(rejects[0]!.reason).toMatch(/more than 30 days behind the clock/);
    expect(await h.redis.hKeys(h.keys.state('incident'))).toEqual([]);
  });

  it('keeps a backlog of readings hours old as history, and refuses one older than a week', async () => {
    const sensor = h.hazard.sensors[0]!.id;
    await h.publish('sensor', reading(sensor, 40, Date.now() - 1_000));
    await waitFor(() => h.reading(sensor), 'current reading stored');
    const before = (await h.rejects()).length;
    await h.publish('sensor', [
      reading(sensor, 41, Date.now() - 5 * HOUR),
      reading(sensor, 42, Date.now() - 8 * DAY),
    ]);
    const [refused] = await rejectsFrom(before, 1);
    expect(refused).toMatchObject({ code: 'feed.past_ts', path: [1, 'ts'], id: sensor });
    const history = await waitFor(async () => {
      const points = await h.redis.lRange(h.keys.series(`${h.agency}:${sensor}`), 0, -1);
      return points.some((p) => p.endsWith(',41]')) && points;
    }, 'late reading in history');
    expect(history.some((p) => p.endsWith(',42]'))).toBe(false);
    expect((await h.reading(sensor))?.value).toBe(40);
  });

  it('takes a place registered years ago', async () => {
    const ts = new Date(Date.now() - 5 * 365 * DAY).toISOString();
    await h.publish('place', { ...PLACE_EXAMPLE, ts });
    await waitFor(
      () => h.redis.hGet(h.keys.state('place'), `${h.agency}:${PLACE_EXAMPLE.id}`),
      'place stored',
    );
  });
});
