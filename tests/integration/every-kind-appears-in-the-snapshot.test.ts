import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type LiveEvent, type LngLat, type Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { gcj02ToWgs84, haversineMetres } from '../helpers/chinese-crs';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import {
  CRS_EXAMPLE,
  CRS_EXAMPLE_WGS84,
  GEOJSON_EXAMPLE,
  INCIDENT_EXAMPLE,
  POSITION_EXAMPLE,
  POSITION_EXAMPLE_WGS84,
  RESOURCE_EXAMPLE,
  RISKAREA_EXAMPLE,
} from '../helpers/kind-fixtures';
import { api, startTestServer } from '../helpers/product';
import { readTelemetry } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/** What ingest stores for a WGS-84 message: its fields, our id, epoch ms, no `crs`. */
function storedForm(message: Record<string, unknown>, agency: string, rest: object) {
  const fields = Object.fromEntries(Object.entries(message).filter(([k]) => k !== 'crs'));
  return {
    ...fields,
    id: `${agency}:${String(message.id)}`,
    agency,
    ts: Date.parse(String(message.ts)),
    ...rest,
  };
}

describe.each(BROKERS)('on $name: every kind published as in docs/feeds.md', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const snapshot = async () => (await (await api(server, API.snapshot)).json()) as Snapshot;
  const myEvents = async () =>
    (await h.events()).filter(
      (e): e is Extract<LiveEvent, { op: 'upsert' }> => e.kind !== 'hazard',
    );

  beforeAll(async () => {
    h = await startFeedHarness('every-kind', broker);
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('appears in the snapshot in WGS-84; the position update as telemetry, not an event', async () => {
    const resourceId = `${h.agency}:${RESOURCE_EXAMPLE.id}`;
    await h.publish('incident', INCIDENT_EXAMPLE);
    await h.publish('riskarea', RISKAREA_EXAMPLE);
    await h.publish('resource', RESOURCE_EXAMPLE);
    await waitFor(() => h.redis.hGet(h.keys.state('resource'), resourceId), 'resource registered');
    await h.publish('resource', POSITION_EXAMPLE);

    const snap = await waitFor(async () => {
      const s = await snapshot();
      return s.positions.length > 0 && s.incidents.length > 0 && s.riskareas.length > 0
        ? s
        : undefined;
    }, 'every kind in the snapshot');

    expect(snap.incidents).toEqual([
      storedForm(INCIDENT_EXAMPLE, h.agency, { location: [119.9712, 32.0087] }),
    ]);
    expect(snap.riskareas).toEqual([storedForm(RISKAREA_EXAMPLE, h.agency, {})]);
    // The position update moves the unit's dot; the resource's own record is the full message's.
    expect(snap.resources).toEqual([
      storedForm(RESOURCE_EXAMPLE, h.agency, { location: [119.9581, 31.9862] }),
    ]);
    expect(snap.positions).toHaveLength(1);
    const position = snap.positions[0]!;
    expect(position).toMatchObject({
      id: resourceId,
      ts: Date.parse(POSITION_EXAMPLE.ts),
      heading: 48,
      speed: 55,
    });
    expect(haversineMetres(position.location, POSITION_EXAMPLE_WGS84)).toBeLessThan(1);

    expect((await myEvents()).map((e) => [e.kind, e.data.id])).toEqual([
      ['incident', `${h.agency}:${INCIDENT_EXAMPLE.id}`],
      ['riskarea', `${h.agency}:${RISKAREA_EXAMPLE.id}`],
      ['resource', resourceId],
    ]);
    const telemetry = await readTelemetry(h.redis, h.keys.telemetry);
    expect(telemetry).toEqual([{ position }]);
    expect(await h.rejects()).toEqual([]);
  });

  it('stores the documented BD-09 incident and GeoJSON risk areas in WGS-84', async () => {
    await h.publish('incident', CRS_EXAMPLE);
    await h.publish('riskarea', GEOJSON_EXAMPLE);
    const snap = await waitFor(async () => {
      const s = await snapshot();
      return s.incidents.length === 2 && s.riskareas.length === 3 ? s : undefined;
    }, 'BD-09 incident and both risk areas');

    const incident = snap.incidents.find((i) => i.id === `${h.agency}:${CRS_EXAMPLE.id}`)!;
    expect(haversineMetres(incident.location, CRS_EXAMPLE_WGS84)).toBeLessThan(3);

    const [plain, gcj] = GEOJSON_EXAMPLE.features;
    const byId = (f: typeof plain) => snap.riskareas.find((r) => r.id === `${h.agency}:${f!.id}`)!;
    expect(byId(plain).geometry).toEqual(plain!.geometry);
    expect(byId(plain)).toMatchObject({ level: 'orange', ts: Date.parse(plain!.properties.ts) });
    // Every vertex of the GCJ-02 multipolygon lands where the reference inverse puts it.
    const sent = gcj!.geometry.coordinates.flat(2) as LngLat[];
    const stored = byId(gcj).geometry.coordinates.flat(2) as LngLat[];
    expect(stored).toHaveLength(sent.length);
    sent.forEach((p, i) => expect(haversineMetres(stored[i]!, gcj02ToWgs84(p))).toBeLessThan(1));
    expect(await h.rejects()).toEqual([]);
  });
});
