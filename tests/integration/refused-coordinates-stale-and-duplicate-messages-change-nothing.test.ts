import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateKind } from '@cc/shared/node';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import {
  INCIDENT_EXAMPLE,
  POSITION_EXAMPLE,
  RESOURCE_EXAMPLE,
  RISKAREA_EXAMPLE,
} from '../helpers/kind-fixtures';
import { waitFor } from '../helpers/wait';

const later = (ts: string, minutes: number) =>
  new Date(Date.parse(ts) + minutes * 60_000).toISOString();
const point = (coordinates: [number, number]) => ({ type: 'Point', coordinates });
/** The example's outline with one vertex replaced. */
function outline(vertex: number, coordinates: [number, number]) {
  const ring = RISKAREA_EXAMPLE.geometry.coordinates[0]!.map((p) => [...p]);
  ring[vertex] = coordinates;
  return { type: 'Polygon', coordinates: [ring] };
}

interface Case {
  what: string;
  kind: 'incident' | 'resource' | 'riskarea';
  payload: unknown;
  code: string;
  path: (string | number)[];
}

const CASES: Case[] = [
  {
    what: 'an incident east of 180°',
    kind: 'incident',
    payload: { ...INCIDENT_EXAMPLE, ts: later(INCIDENT_EXAMPLE.ts, 1), location: point([200, 32]) },
    code: 'feed.out_of_range',
    path: ['location', 'coordinates'],
  },
  {
    what: 'an incident area with a vertex north of the pole',
    kind: 'incident',
    payload: {
      ...INCIDENT_EXAMPLE,
      ts: later(INCIDENT_EXAMPLE.ts, 1),
      area: outline(2, [119.97, 95]),
    },
    code: 'feed.out_of_range',
    path: ['area', 'coordinates', 0, 2],
  },
  {
    what: 'a risk area with a vertex west of −180°',
    kind: 'riskarea',
    payload: {
      ...RISKAREA_EXAMPLE,
      ts: later(RISKAREA_EXAMPLE.ts, 1),
      geometry: outline(1, [-181, 32]),
    },
    code: 'feed.out_of_range',
    path: ['geometry', 'coordinates', 0, 1],
  },
  {
    what: 'a resource with latitude and longitude swapped',
    kind: 'resource',
    payload: {
      ...RESOURCE_EXAMPLE,
      ts: later(RESOURCE_EXAMPLE.ts, 1),
      location: point([31.98, 119.95]),
    },
    code: 'feed.out_of_range',
    path: ['location', 'coordinates'],
  },
  {
    what: 'a position off the map, inside a batch',
    kind: 'resource',
    payload: [
      { ...POSITION_EXAMPLE, ts: later(POSITION_EXAMPLE.ts, 1), location: point([181, 31]) },
    ],
    code: 'feed.out_of_range',
    path: [0, 'location', 'coordinates'],
  },
  {
    what: 'an incident older than the stored one',
    kind: 'incident',
    payload: { ...INCIDENT_EXAMPLE, ts: later(INCIDENT_EXAMPLE.ts, -5), status: 'reported' },
    code: 'feed.stale',
    path: ['ts'],
  },
  {
    what: 'a resource status older than the stored one',
    kind: 'resource',
    payload: { ...RESOURCE_EXAMPLE, ts: later(RESOURCE_EXAMPLE.ts, -5), status: 'available' },
    code: 'feed.stale',
    path: ['ts'],
  },
  {
    what: 'a position of a resource nobody registered',
    kind: 'resource',
    payload: { ...POSITION_EXAMPLE, id: 'XB-FE-99' },
    code: 'feed.unknown_resource',
    path: ['id'],
  },
];

const KINDS: StateKind[] = ['incident', 'resource', 'position', 'riskarea'];

describe.each(BROKERS)('on $name: a refused incident, resource or risk area', (broker) => {
  let h: FeedHarness;
  /** Everything this test's kinds hold, to show a refusal changed nothing. */
  const picture = async () => Promise.all(KINDS.map((k) => h.redis.hGetAll(h.keys.state(k))));
  const incident = async () =>
    JSON.parse(
      (await h.redis.hGet(h.keys.state('incident'), `${h.agency}:${INCIDENT_EXAMPLE.id}`))!,
    ) as {
      status: string;
      ts: number;
    };

  beforeAll(async () => {
    h = await startFeedHarness('refused', broker);
    for (const [kind, msg] of [
      ['incident', INCIDENT_EXAMPLE],
      ['riskarea', RISKAREA_EXAMPLE],
      ['resource', RESOURCE_EXAMPLE],
    ] as const) {
      await h.publish(kind, msg);
      await waitFor(() => h.redis.hGet(h.keys.state(kind), `${h.agency}:${msg.id}`), `${kind}`);
    }
    await h.publish('resource', POSITION_EXAMPLE);
    await waitFor(async () => (await h.redis.hLen(h.keys.state('position'))) > 0, 'position');
  });
  afterAll(() => h.stop());

  it.each(CASES)('$what is refused with $code at its path and changes nothing', async (c) => {
    const before = await picture();
    const events = (await h.events()).length;
    const rejects = (await h.rejects()).length;

    await h.publish(c.kind, c.payload);

    const all = await waitFor(async () => {
      const r = await h.rejects();
      return r.length > rejects ? r : undefined;
    }, 'reject recorded');
    expect(all).toHaveLength(rejects + 1);
    expect(all[rejects]).toMatchObject({ code: c.code, path: c.path, agency: h.agency });
    expect(await picture()).toEqual(before);
    expect((await h.events()).length).toBe(events);
  });

  it('applies a redelivered incident once, silently', async () => {
    const events = (await h.events()).length;
    const rejects = (await h.rejects()).length;
    await h.publish('incident', INCIDENT_EXAMPLE);
    // A later update proves the duplicate was handled before it.
    const update = { ...INCIDENT_EXAMPLE, ts: later(INCIDENT_EXAMPLE.ts, 2), status: 'controlled' };
    await h.publish('incident', update);
    await waitFor(async () => (await incident()).status === 'controlled', 'update stored');
    expect((await h.events()).length).toBe(events + 1);
    expect((await h.rejects()).length).toBe(rejects);
  });

  it('leaves a late position aside without refusing it', async () => {
    const positions = () => h.redis.hGetAll(h.keys.state('position'));
    const before = await positions();
    const rejects = (await h.rejects()).length;
    const telemetry = await h.redis.xLen(h.keys.telemetry);
    await h.publish('resource', { ...POSITION_EXAMPLE, ts: later(POSITION_EXAMPLE.ts, -1) });
    // A later update proves the late one was handled before it.
    await h.publish('incident', { ...INCIDENT_EXAMPLE, ts: later(INCIDENT_EXAMPLE.ts, 3) });
    await waitFor(
      async () => (await incident()).ts === Date.parse(later(INCIDENT_EXAMPLE.ts, 3)),
      'marker',
    );
    expect(await positions()).toEqual(before);
    expect(await h.redis.xLen(h.keys.telemetry)).toBe(telemetry);
    expect((await h.rejects()).length).toBe(rejects);
  });
});
