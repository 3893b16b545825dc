import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, Camera, type CamerasResponse, type LiveEvent, type Snapshot } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { startAgencyHarness, type AgencyHarness } from '../helpers/agency-harness';
import { CAMERA_EXAMPLE } from '../helpers/kind-fixtures';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const later = (ts: string, minutes: number) =>
  new Date(Date.parse(ts) + minutes * 60_000).toISOString();
const json = (value: unknown) => JSON.stringify(value);
const TOKEN = '3f9a7c21e8';

describe.each(AUTHENTICATED_BROKERS)('on $name: cameras', (broker) => {
  let h: AgencyHarness;
  let server: RunningServer;
  const stored = async (id: string) => {
    const text = await h.redis.hGet(h.keys.state('camera'), id);
    return text ? Camera.parse(JSON.parse(text)) : undefined;
  };
  const events = async () =>
    ((await h.redis.xRange(h.keys.events, '-', '+')) ?? []).map(
      (e) => JSON.parse(e.message.e!) as LiveEvent,
    );
  const cameras = async (role: Parameters<typeof api>[2]) =>
    (await (await api(server, API.cameras, role)).json()) as CamerasResponse;

  beforeAll(async () => {
    h = await startAgencyHarness('camera-feed', broker);
    server = await startTestServer(h.iso);
    const a = await h.connectAs('ent-a');
    await a.publishAsync(h.topic('ent-a', 'camera'), json(CAMERA_EXAMPLE), { qos: 1 });
    await waitFor(() => stored(`ent-a:${CAMERA_EXAMPLE.id}`), 'camera stored');
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('stores the documented camera as an event and serves it, streams only to those signed in', async () => {
    const { ts, location, ...fields } = CAMERA_EXAMPLE;
    const expected = {
      ...Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'id' && k !== 'crs')),
      id: `ent-a:${CAMERA_EXAMPLE.id}`,
      agency: 'ent-a',
      ts: Date.parse(ts),
      location: location.coordinates,
    };
    expect(await stored(expected.id)).toEqual(expected);
    expect((await events()).filter((e) => e.kind === 'camera')).toEqual([
      { kind: 'camera', op: 'upsert', data: expected },
    ]);
    for (const role of ['viewer', 'commander'] as const) {
      const snap = (await (await api(server, API.snapshot, role)).json()) as Snapshot;
      expect(snap.cameras).toEqual([expected]);
      expect((await cameras(role)).cameras).toEqual([{ camera: expected, condition: 'working' }]);
    }
    expect(await h.rejects()).toEqual([]);
  });

  it('with sign-in off, the anonymous screens get the camera without its stream addresses', async () => {
    const open = await startTestServer(h.iso, { USERS_FILE: '' });
    try {
      const snap = (await (await fetch(`${open.url}${API.snapshot}`)).json()) as Snapshot;
      expect(snap.cameras.map((c) => c.id)).toContain(`ent-a:${CAMERA_EXAMPLE.id}`);
      expect(snap.cameras.every((c) => c.streams === undefined)).toBe(true);
      const list = (await (await fetch(`${open.url}${API.cameras}`)).json()) as CamerasResponse;
      expect(list.cameras.every((c) => c.camera.streams === undefined)).toBe(true);
    } finally {
      await open.close();
    }
  });

  it('an agency sees its own cameras’ health, without their addresses, and not another’s', async () => {
    const own = await cameras('agency-a');
    expect(own.cameras.map((c) => c.camera.id)).toEqual([`ent-a:${CAMERA_EXAMPLE.id}`]);
    expect(own.cameras[0]!.camera.streams).toBeUndefined();
    expect(own.cameras[0]!.condition).toBe('working');
    expect((await cameras('agency-b')).cameras).toEqual([]);
    // An agency's account reads no picture: its socket and the snapshot are refused.
    expect((await api(server, API.snapshot, 'agency-b')).status).toBe(403);
  });

  it('refuses a camera ent-b publishes under ent-a, and keeps ent-b’s own with the same id apart', async () => {
    const b = await h.connectAs('ent-b');
    const forged = {
      ...CAMERA_EXAMPLE,
      ts: later(CAMERA_EXAMPLE.ts, 60),
      name: 'forged',
      streams: { hls: 'https://evil.example/x.m3u8' },
    };
    await b.publishAsync(h.topic('ent-a', 'camera'), json(forged), { qos: 1 });
    // ent-b's own camera with the same local id: the broker passes one connection's messages
    // in order, so once it is stored the forged one would have been too.
    await b.publishAsync(h.topic('ent-b', 'camera'), json({ ...forged, name: 'ent-b 的摄像机' }), {
      qos: 1,
    });
    const own = await waitFor(() => stored(`ent-b:${CAMERA_EXAMPLE.id}`), 'ent-b camera stored');
    expect(own.name).toBe('ent-b 的摄像机');
    expect((await stored(`ent-a:${CAMERA_EXAMPLE.id}`))?.name).toBe(CAMERA_EXAMPLE.name);
    expect((await cameras('agency-a')).cameras.map((c) => c.camera.id)).toEqual([
      `ent-a:${CAMERA_EXAMPLE.id}`,
    ]);
  });

  it.each([
    {
      what: 'a stream that is not http(s)',
      change: { streams: { hls: `rtsp://10.1.2.3/live?token=${TOKEN}` } },
      path: ['streams', 'hls'],
    },
    { what: 'a heading of 360 degrees', change: { heading: 360 }, path: ['heading'] },
    { what: 'an unknown status', change: { status: 'broken' }, path: ['status'] },
    { what: 'no streams', change: { streams: undefined }, path: ['streams'] },
  ])('refuses $what at its path, changes nothing and keeps no token', async (c) => {
    const a = await h.connectAs('ent-a');
    const before = await h.redis.hGetAll(h.keys.state('camera'));
    const rejects = (await h.rejects()).length;
    // Streams first, so the excerpt (the payload's first bytes) holds their addresses.
    const { streams, ...rest } = CAMERA_EXAMPLE;
    const payload = { streams, ...rest, ts: later(CAMERA_EXAMPLE.ts, 120), ...c.change };
    await a.publishAsync(h.topic('ent-a', 'camera'), json(payload), { qos: 1 });
    const all = await waitFor(async () => {
      const r = await h.rejects();
      return r.length > rejects ? r : undefined;
    }, 'reject recorded');
    expect(all[rejects]).toMatchObject({ code: 'feed.invalid', path: c.path, agency: 'ent-a' });
    expect(await h.redis.hGetAll(h.keys.state('camera'))).toEqual(before);
    // The notice's excerpt holds the payload's first bytes, with the addresses' tokens redacted.
    const excerpt = all[rejects]!.excerpt;
    if (payload.streams) expect(excerpt).toContain('?token=***');
    expect(excerpt).not.toContain(TOKEN);
  });
});
