import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { Place, Warning } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { reconcileWatch } from '../../ingest/src/watch/watch';
import type { FeedContext } from '../../ingest/src/feeds/context';
import { PLACE_EXAMPLE } from '../helpers/kind-fixtures';
import { isolate } from '../helpers/isolation';
import { quietLog } from '../helpers/product';

/**
 * The watch sweep leaves the hazard and place hashes unread while no warning is in force and no
 * flag moved since a pass that found none. Two workers on one Redis: one flags a school under a
 * warning; once the warning is gone, the other — whose last pass found nothing — still clears it.
 */
describe('watch sweep: skipping the big reads never leaves a flag behind', () => {
  const { prefix } = isolate('watch-quiet');
  let redis: Redis;
  const ctx = (): FeedContext => ({
    redis,
    // Each worker its own keys object, as separate processes would have.
    keys: createKeys(prefix),
    config: {
      MAX_FUTURE_SKEW_S: 60,
      MAX_PAST_TELEMETRY_S: 86_400,
      MAX_PAST_EVENT_S: 86_400,
      MAX_PAST_REGISTRATION_S: 86_400,
      EVENTS_MAXLEN: 1_000,
      TELEMETRY_MAXLEN: 1_000,
      SERIES_MAXLEN: 100,
    },
    log: quietLog,
    now: Date.now,
  });
  const keys = createKeys(prefix);
  const now = Date.now();
  const { crs: _crs, ...example } = PLACE_EXAMPLE;
  void _crs;
  const place = Place.parse({
    ...example,
    id: 'sch-1',
    agency: 'edu',
    ts: now - 60_000,
    location: [119.93, 31.95],
  });
  const square = (lon: number, lat: number, d: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  });
  const warning = Warning.parse({
    id: 'met:RAIN-1',
    agency: 'met',
    ts: now - 1_000,
    identifier: 'RAIN-1',
    msgType: 'alert',
    event: '暴雨',
    signal: 'orange',
    severity: 'severe',
    urgency: 'expected',
    certainty: 'likely',
    headline: '暴雨橙色预警',
    expires: now + 3_600_000,
    areas: [{ description: '新北区', geometry: square(119.93, 31.95, 0.05) }],
  });
  const flagOf = async () =>
    (Place.parse(JSON.parse((await redis.hGet(keys.state('place'), place.id))!)) as Place).watch
      ?.signal;

  beforeAll(async () => {
    redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }) as Redis;
    await redis.connect();
    await redis.hSet(keys.state('place'), place.id, JSON.stringify(place));
    await redis.hSet(keys.obs('place'), place.id, String(place.ts));
  });
  afterAll(async () => {
    for await (const found of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (found.length > 0) await redis.del(found);
    }
    await redis.close();
  });

  it('a quiet worker clears a flag another worker set after its last pass', async () => {
    const a = ctx();
    const b = ctx();
    // Nothing in force, nothing flagged: b's pass finds nothing (and will skip next time).
    expect(await reconcileWatch(b)).toBe(0);
    expect(await reconcileWatch(b)).toBe(0);
    // A warning over the school: a flags it.
    await redis.hSet(keys.state('warning'), warning.id, JSON.stringify(warning));
    expect(await reconcileWatch(a)).toBe(1);
    expect(await flagOf()).toBe('orange');
    // The warning is gone before a sweeps again: b must clear the flag a set.
    await redis.hDel(keys.state('warning'), warning.id);
    expect(await reconcileWatch(b)).toBe(1);
    expect(await flagOf()).toBeUndefined();
    // Nothing left: quiet again, nothing written.
    expect(await reconcileWatch(b)).toBe(0);
    expect(await reconcileWatch(a)).toBe(0);
  });
});
