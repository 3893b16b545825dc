import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { INCIDENT_EXAMPLE, RISKAREA_EXAMPLE, asFeature } from '../helpers/kind-fixtures';
import { waitFor } from '../helpers/wait';

type Kind = 'incident' | 'riskarea';
const EXAMPLES = { incident: INCIDENT_EXAMPLE, riskarea: RISKAREA_EXAMPLE };
/** Where each kind's Feature takes its geometry from (an incident has two choices). */
const GEOMETRY_FIELDS: Record<Kind, string[]> = {
  incident: ['location', 'area'],
  riskarea: ['geometry'],
};

const withId = (kind: Kind, id: string) => ({ ...EXAMPLES[kind], id });

describe.each(BROKERS)('on $name: GeoJSON', (broker) => {
  let h: FeedHarness;
  const stored = async (kind: Kind, id: string) => {
    const json = await h.redis.hGet(h.keys.state(kind), `${h.agency}:${id}`);
    return json ? (JSON.parse(json) as Record<string, unknown>) : undefined;
  };
  /** The stored entity without its id, to compare one stored from GeoJSON with a plain one. */
  const body = async (kind: Kind, id: string) => {
    const entity = await waitFor(() => stored(kind, id), `${kind} ${id} stored`);
    return { ...entity, id: undefined };
  };

  beforeAll(async () => {
    h = await startFeedHarness('geojson', broker);
  });
  afterAll(() => h.stop());

  it.each(['incident', 'riskarea'] as const)(
    'a %s Feature or FeatureCollection is stored like the plain message',
    async (kind) => {
      await h.publish(kind, withId(kind, 'plain'));
      const plain = await body(kind, 'plain');
      for (const field of GEOMETRY_FIELDS[kind]) {
        await h.publish(kind, asFeature(withId(kind, `feature-${field}`), field));
        expect(await body(kind, `feature-${field}`)).toEqual(plain);
      }
      const features = [1, 2].map((n) =>
        asFeature(withId(kind, `fc-${n}`), GEOMETRY_FIELDS[kind][0]!),
      );
      await h.publish(kind, { type: 'FeatureCollection', features });
      expect(await body(kind, 'fc-1')).toEqual(plain);
      expect(await body(kind, 'fc-2')).toEqual(plain);
      expect(await h.rejects()).toEqual([]);
    },
  );

  it('a Feature with the wrong geometry type is refused with its path and changes nothing', async () => {
    const events = (await h.events()).length;
    // A risk area drawn as a point: the incident's location where an outline belongs.
    const feature = asFeature(withId('riskarea', 'wrong'), 'geometry');
    await h.publish('riskarea', { ...feature, geometry: INCIDENT_EXAMPLE.location });
    const reject: RejectNotice = await waitFor(async () => (await h.rejects())[0], 'reject');
    expect(reject).toMatchObject({
      code: 'feed.invalid',
      path: ['geometry', 'type'],
      topic: h.topic('riskarea'),
    });
    expect(reject.reason).toContain('Point');
    expect(await stored('riskarea', 'wrong')).toBeUndefined();
    expect((await h.events()).length).toBe(events);
  });
});
