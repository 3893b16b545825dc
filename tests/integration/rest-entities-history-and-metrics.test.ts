import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type StampedEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const LT = 'tank-farm-1-lt1';
const T0 = Date.now() - 60_000;

describe('REST read side and /metrics', () => {
  let h: FeedHarness;
  let server: RunningServer;
  const json = async (path: string) => {
    const res = await api(server, path, 'viewer');
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const incidentId = () => `${h.agency}:${INCIDENT_EXAMPLE.id}`;

  beforeAll(async () => {
    h = await startFeedHarness('rest-read', BROKERS[0]!);
    server = await startTestServer(h.iso);
    const later = new Date(Date.parse(INCIDENT_EXAMPLE.ts) + 600_000).toISOString();
    await h.publish('incident', INCIDENT_EXAMPLE);
    await h.publish('incident', { ...INCIDENT_EXAMPLE, ts: later, status: 'controlled' });
    await h.publish('incident', {
      ...INCIDENT_EXAMPLE,
      id: 'F-2',
      level: 'IV',
      location: { type: 'Point', coordinates: [119.55, 31.75] },
    });
    for (let i = 0; i < 3; i++) await h.publish('sensor', reading(LT, 50 + i, T0 + i * 1000));
    await waitFor(
      async () => (await h.redis.lLen(h.keys.series(`${h.agency}:${LT}`))) === 3,
      'readings stored',
    );
    await waitFor(async () => {
      const stored = await h.redis.hGet(h.keys.state('incident'), incidentId());
      return stored?.includes('controlled') && (await h.redis.hLen(h.keys.state('incident'))) === 2;
    }, 'incidents stored');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('lists a kind with filters, newest first', async () => {
    const ids = async (query: string) =>
      ((await json(`${API.entities}/incidents${query}`)).body.incidents as { id: string }[]).map(
        (e) => e.id,
      );
    expect(await ids('')).toEqual([incidentId(), `${h.agency}:F-2`]);
    expect(await ids('?status=controlled')).toEqual([incidentId()]);
    expect(await ids('?level=IV')).toEqual([`${h.agency}:F-2`]);
    expect(await ids('?bbox=119.9,31.9,120.1,32.1')).toEqual([incidentId()]);
    expect(await ids(`?until=${encodeURIComponent(INCIDENT_EXAMPLE.ts)}`)).toEqual([
      `${h.agency}:F-2`,
    ]);
    const hazards = (await json(`${API.entities}/hazards`)).body.hazards as unknown[];
    expect(hazards).toHaveLength(1);
  });

  it('refuses bad input with 400 and an unknown kind with 404, as JSON', async () => {
    for (const query of ['?bbox=1,2', '?since=soon', '?limit=-1', '?level=red&status']) {
      const { status, body } = await json(`${API.entities}/incidents${query}`);
      expect(status, query).toBe(400);
      expect(body.code).toBe('api.invalid');
    }
    expect((await json(`${API.entities}/resources?level=III`)).status).toBe(400);
    expect((await json(`${API.entities}/spaceships`)).body.code).toBe('api.not_found');
  });

  it('returns one entity with its event history, newest first', async () => {
    const { status, body } = await json(`${API.entities}/incidents/${incidentId()}`);
    expect(status).toBe(200);
    expect(body.entity).toMatchObject({ id: incidentId(), status: 'controlled' });
    const history = body.history as StampedEvent[];
    expect(
      history.map((e) => (e.op === 'upsert' && e.kind === 'incident' ? e.data.status : undefined)),
    ).toEqual(['controlled', 'responding']);
    expect(body.historyTruncated).toBe(false);
    expect((await json(`${API.entities}/incidents/${h.agency}:nope`)).status).toBe(404);
  });

  it("serves a sensor's history from its series, bounded by time", async () => {
    const path = `/api/v1/sensors/${h.agency}:${LT}/history`;
    const all = await json(path);
    expect(all.body.points).toEqual([
      { ts: T0, value: 50 },
      { ts: T0 + 1000, value: 51 },
      { ts: T0 + 2000, value: 52 },
    ]);
    const tail = await json(`${path}?from=${T0 + 1000}&limit=1`);
    expect(tail.body.points).toEqual([{ ts: T0 + 2000, value: 52 }]);
    expect((await json(`${path}?from=x`)).status).toBe(400);
    expect((await json(`/api/v1/sensors/${h.agency}:nope/history`)).status).toBe(404);
  });

  it('keeps the read side behind sign-in', async () => {
    const res = await fetch(`${server.url}${API.entities}/incidents`);
    expect(res.status).toBe(401);
  });

  it('exposes /metrics publicly in Prometheus text', async () => {
    const res = await fetch(`${server.url}${API.metrics}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? undefined : Number(line.split(' ')[1]);
    };
    expect(value('cc_events_stream_length')).toBe(4); // hazard + three incident changes
    expect(value('cc_rejects_total')).toBe(0);
    expect(value('cc_events_last_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('cc_clients{role="viewer"} 0');
    expect(text).toMatch(/^cc_events_total \d+$/m);
    expect(text).toMatch(/^cc_telemetry_total \d+$/m);
  });
});
