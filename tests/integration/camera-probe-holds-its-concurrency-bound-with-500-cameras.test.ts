import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraHealth, type Camera, type LiveEvent } from '@cc/shared';
import { createKeys, loadConfig, type Redis } from '@cc/shared/node';
import { createCameraProbe, type CameraProbe } from '../../ingest/src/cameras/probe';
import { isolate } from '../helpers/isolation';
import { connectRedis, dropPrefix, readStream } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

const CAMERAS = 500;
const DEAD = 50;
const CONCURRENCY = 8;
const INTERVAL_MS = 60_000;

describe('the camera probe', () => {
  const iso = isolate('camera-probe');
  const keys = createKeys(iso.prefix);
  let redis: Redis;
  let http: Server;
  let base: string;
  let probe: CameraProbe;
  let clock = Date.now();
  let active = 0;
  let maxActive = 0;
  const requests = new Map<string, number>();
  const methods = new Set<string>();
  const logLines: string[] = [];

  const camera = (i: number): Camera => ({
    id: `cz-traffic:cam-${i}`,
    agency: 'cz-traffic',
    ts: 1_700_000_000_000,
    name: `摄像机 ${i}`,
    location: [119.9 + i / 10_000, 31.8],
    status: 'online',
    streams: { hls: `${base}/${i < DEAD ? 'dead' : 'live'}/cam-${i}/index.m3u8?token=secret-${i}` },
  });
  const health = async () =>
    Object.values(await redis.hGetAll(keys.state('camerahealth'))).map((j) =>
      CameraHealth.parse(JSON.parse(j)),
    );
  /** Runs passes, as ingest's sweeper does every second, until `done` holds. */
  const passUntil = (done: () => boolean | Promise<boolean>, what: string) =>
    waitFor(
      async () => {
        await probe.pass();
        return (await done()) ? true : undefined;
      },
      what,
      60_000,
    );

  beforeAll(async () => {
    http = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      methods.add(req.method ?? '');
      requests.set(path, (requests.get(path) ?? 0) + 1);
      active++;
      maxActive = Math.max(maxActive, active);
      // A playlist takes a little while to answer, so probes overlap.
      setTimeout(() => {
        active--;
        res.writeHead(path.startsWith('/dead/') ? 404 : 200, {
          'content-type': 'application/vnd.apple.mpegurl',
        });
        res.end();
      }, 15);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    redis = await connectRedis();
    const entries = Array.from({ length: CAMERAS }, (_, i) => camera(i));
    await redis.hSet(
      keys.state('camera'),
      Object.fromEntries(entries.map((c) => [c.id, JSON.stringify(c)])),
    );
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    probe = createCameraProbe({
      ctx: {
        redis,
        keys,
        config: loadConfig({ REDIS_PREFIX: iso.prefix }),
        log: pino({ level: 'debug' }, sink),
        now: () => clock,
      },
      intervalMs: INTERVAL_MS,
      concurrency: CONCURRENCY,
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await probe.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await new Promise((resolve) => http.close(resolve));
  });

  it(`probes ${CAMERAS} cameras with at most ${CONCURRENCY} requests in flight, each once`, async () => {
    await passUntil(async () => (await health()).length === CAMERAS, 'every camera probed');
    expect(maxActive).toBeLessThanOrEqual(CONCURRENCY);
    // The bound is used, not just respected: probes overlap.
    expect(maxActive).toBeGreaterThan(1);
    expect([...methods]).toEqual(['HEAD']);
    expect(requests.size).toBe(CAMERAS);
    expect(Math.max(...requests.values())).toBe(1);

    const found = await health();
    const unreachable = found.filter((h) => h.state === 'unreachable');
    expect(unreachable).toHaveLength(DEAD);
    expect(new Set(unreachable.map((h) => h.reason))).toEqual(new Set(['http 404']));
    expect(unreachable.map((h) => h.id).sort()).toEqual(
      Array.from({ length: DEAD }, (_, i) => `cz-traffic:cam-${i}`).sort(),
    );
    const events = (await readStream<LiveEvent>(redis, keys.events)).filter(
      (e) => e.kind === 'camerahealth',
    );
    expect(events).toHaveLength(CAMERAS);
  });

  it('probes none again within the interval, all again after it, and sends only changes', async () => {
    for (let i = 0; i < 5; i++) await probe.pass();
    expect(Math.max(...requests.values())).toBe(1);

    clock += INTERVAL_MS;
    await passUntil(
      () => probe.inFlight() === 0 && [...requests.values()].every((n) => n === 2),
      'every camera probed a second time',
    );
    expect(maxActive).toBeLessThanOrEqual(CONCURRENCY);
    // Nothing changed: no new finding was stored or sent.
    const events = (await readStream<LiveEvent>(redis, keys.events)).filter(
      (e) => e.kind === 'camerahealth',
    );
    expect(events).toHaveLength(CAMERAS);
  });

  it('never logs a stream address in full', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('');
    expect(all).toContain('token=***');
    expect(all).not.toMatch(/secret-\d/);
  });
});
