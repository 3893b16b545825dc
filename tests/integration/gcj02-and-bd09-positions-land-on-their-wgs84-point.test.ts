import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Position, type LngLat } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { haversineMetres, wgs84ToBd09, wgs84ToGcj02 } from '../helpers/chinese-crs';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { RESOURCE_EXAMPLE } from '../helpers/kind-fixtures';
import { waitFor } from '../helpers/wait';

/** A known WGS-84 point in Changzhou (Tianning district). */
const P: LngLat = [119.9741, 31.8112];

describe.each(BROKERS)('on $name: a position sent in a Chinese map system', (broker) => {
  let h: FeedHarness;
  const t0 = Date.parse(RESOURCE_EXAMPLE.ts);
  const stored = async () => {
    const json = await h.redis.hGet(h.keys.state('position'), `${h.agency}:${RESOURCE_EXAMPLE.id}`);
    return json ? Position.parse(JSON.parse(json)) : undefined;
  };
  const publishAt = async (seconds: number, crs: string, coordinates: LngLat) => {
    const ts = t0 + seconds * 1000;
    const location = { type: 'Point', coordinates };
    await h.publish('resource', {
      id: RESOURCE_EXAMPLE.id,
      ts: new Date(ts).toISOString(),
      crs,
      location,
    });
    return waitFor(async () => {
      const p = await stored();
      return p?.ts === ts ? p : undefined;
    }, `${crs} position stored`);
  };

  beforeAll(async () => {
    h = await startFeedHarness('crs', broker);
    await h.publish('resource', RESOURCE_EXAMPLE);
    await waitFor(
      () => h.redis.hGet(h.keys.state('resource'), `${h.agency}:${RESOURCE_EXAMPLE.id}`),
      'resource registered',
    );
  });
  afterAll(() => h.stop());

  it('GCJ-02 lands within 1 m of the WGS-84 point it was computed from', async () => {
    const gcj = wgs84ToGcj02(P);
    // The offset is hundreds of metres, so storing the raw GCJ-02 point would fail loudly.
    expect(haversineMetres(gcj, P)).toBeGreaterThan(100);
    const position = await publishAt(10, 'GCJ02', gcj);
    expect(haversineMetres(position.location, P)).toBeLessThan(1);
  });

  it('BD-09 lands within 3 m of it', async () => {
    const position = await publishAt(20, 'BD09', wgs84ToBd09(P));
    expect(haversineMetres(position.location, P)).toBeLessThan(3);
  });

  it('CGCS2000 is taken as it is', async () => {
    const position = await publishAt(30, 'CGCS2000', P);
    expect(position.location).toEqual(P);
    expect(await h.rejects()).toEqual([]);
  });
});
