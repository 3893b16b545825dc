import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedsResponse, RejectNotice, WallResponse } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { INCIDENT_EXAMPLE, RESOURCE_EXAMPLE } from '../helpers/kind-fixtures';
import { collect } from '../helpers/mqtt';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const BEIJING = [116.397, 39.909];

/**
 * A resource reported in Beijing and an incident at 0,0 were accepted without a word. The
 * contract takes any valid coordinates, so they are still stored, but each one outside the
 * service area (Changzhou's extent with a margin, by default) gets a warning notice — in the
 * rejects stream and to the sender, marked `warning`, not a refusal — and is counted on the feed's
 * health, which the wall's strip shows. A unit reporting from outside again within the hour is
 * counted, not warned about again.
 */
describe.each(BROKERS)('on $name: positions outside the service area', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  let heard: Awaited<ReturnType<typeof collect>>;
  beforeAll(async () => {
    h = await startFeedHarness('outside', broker);
    server = await startTestServer(h.iso);
    heard = await collect(h.brokerUrl, h.iso.clientId('rejects'), h.topic('rejects'));
  });
  afterAll(async () => {
    await heard.client.endAsync();
    await server.close();
    await h.stop();
  });

  const now = () => new Date().toISOString();
  const notices = async (count: number) =>
    waitFor(async () => {
      const all = await h.rejects();
      return all.length >= count ? all : undefined;
    }, `${count} notices recorded`);

  it('stores them, warns the sender once, and flags the feed', async () => {
    await h.publish('resource', {
      ...RESOURCE_EXAMPLE,
      ts: now(),
      location: { type: 'Point', coordinates: BEIJING },
    });
    await h.publish('incident', {
      ...INCIDENT_EXAMPLE,
      ts: now(),
      location: { type: 'Point', coordinates: [0, 0] },
      area: undefined,
    });
    // Inside: no notice.
    await h.publish('resource', {
      ...RESOURCE_EXAMPLE,
      id: 'XB-FE-04',
      ts: now(),
    });
    await waitFor(
      () => h.redis.hGet(h.keys.state('resource'), `${h.agency}:XB-FE-04`),
      'the unit inside stored',
    );
    const recorded = await notices(2);
    const expected = (id: string, coordinates: number[]) => ({
      severity: 'warning',
      agency: h.agency,
      code: 'feed.outside_area',
      path: ['location', 'coordinates'],
      id,
      reason: `location.coordinates: [${coordinates.join(', ')}] (WGS-84) is outside the service area (118.9–120.4 E, 30.9–32.3 N); stored all the same: check the coordinates (longitude first) and their crs`,
    });
    expect(recorded).toMatchObject([
      expected(RESOURCE_EXAMPLE.id, BEIJING),
      expected(INCIDENT_EXAMPLE.id, [0, 0]),
    ]);
    // Stored all the same.
    expect(
      await h.redis.hGet(h.keys.state('resource'), `${h.agency}:${RESOURCE_EXAMPLE.id}`),
    ).not.toBeNull();
    expect(
      await h.redis.hGet(h.keys.state('incident'), `${h.agency}:${INCIDENT_EXAMPLE.id}`),
    ).not.toBeNull();
    // The sender heard both, marked as warnings.
    await waitFor(() => heard.messages.length >= 2, 'notices received');
    expect(heard.messages.map((m) => (JSON.parse(m.payload) as RejectNotice).severity)).toEqual([
      'warning',
      'warning',
    ]);

    // The unit moves on, still in Beijing: counted, not warned about again.
    await h.publish('resource', {
      id: RESOURCE_EXAMPLE.id,
      ts: now(),
      location: { type: 'Point', coordinates: [116.4, 39.91] },
    });
    const feeds = await waitFor(async () => {
      const body = (await (await api(server, '/api/v1/feeds')).json()) as FeedsResponse;
      const feed = body.feeds.find((f) => f.agency === h.agency);
      return feed && feed.outsideArea >= 3 ? feed : undefined;
    }, 'feed health counts the positions outside');
    expect(feeds).toMatchObject({ outsideArea: 3, rejected: 0, rejectsByCode: {} });
    expect(feeds.lastOutsideAt).toEqual(expect.any(Number));
    expect(await h.rejects()).toHaveLength(2);

    const wall = (await (await api(server, '/api/v1/wall', 'viewer')).json()) as WallResponse;
    expect(wall.feeds.find((f) => f.agency === h.agency)).toMatchObject({ outsideArea: true });
  });
});
