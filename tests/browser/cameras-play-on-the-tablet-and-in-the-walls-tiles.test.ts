import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraHealth } from '@cc/shared';
import { makeClip } from '../../demo/src/cameras/clip';
import { startLoopServer, type LoopServer } from '../../demo/src/cameras/loop-server';
import { centreMap } from '../helpers/browser';
import { pointOf, startCommand, type CommandPage } from '../helpers/command-page';
import { DOCS_SCREENSHOTS, incidentMessage } from '../helpers/wall-page';
import { waitFor } from '../helpers/wait';

const LIVE_AT: [number, number] = [119.9712, 32.0087];
const DEAD_AT: [number, number] = [119.9742, 32.0087];
const INCIDENT_AT: [number, number] = [119.9727, 32.0075];

/** A camera of the test agency, observed now. */
function cameraMessage(id: string, at: [number, number], hls: string, heading: number) {
  return {
    id,
    ts: new Date().toISOString(),
    name: `测试摄像机 ${id}`,
    location: { type: 'Point', coordinates: at },
    heading,
    fov: 70,
    streams: { hls },
  };
}

/** An element of the page, typed without the DOM. */
interface Attributed {
  getAttribute(name: string): string | null;
}

/** The current time of the video in the element matching `selector`, or -1. */
const currentTime = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } })
      .document;
    const video = doc.querySelector(sel) as { currentTime: number } | null;
    return video ? video.currentTime : -1;
  }, selector);

describe('cameras with real video (ffmpeg HLS served on 127.0.0.1)', () => {
  let c: CommandPage;
  let streams: LoopServer;
  let clipDir: string;

  beforeAll(async () => {
    clipDir = mkdtempSync(path.join(tmpdir(), 'cc-clip-'));
    streams = await startLoopServer(await makeClip(clipDir));
    c = await startCommand('camera-video', {
      serverEnv: { WALL_FILE: path.resolve('tests/fixtures/wall.cameras.test.yaml') },
      ingestEnv: { CAMERA_PROBE: 'on' },
      mapReadyMs: 150_000,
    });
    await c.signIn('commander-1');
    await c.h.publish('camera', cameraMessage('cam-live', LIVE_AT, streams.playlist('a'), 90));
    // Nothing listens on port 1: the probe finds it refused, and so does the player.
    await c.h.publish(
      'camera',
      cameraMessage('cam-dead', DEAD_AT, 'http://127.0.0.1:1/live/b/index.m3u8?token=t0p', 270),
    );
    await waitFor(
      async () => {
        const json = await c.h.redis.hGet(c.h.keys.state('camerahealth'), 'ent-test:cam-dead');
        return json && CameraHealth.parse(JSON.parse(json)).state === 'unreachable';
      },
      'the probe finds the dead camera unreachable',
      30_000,
    );
    // A loaded 2-core machine: Chromium took over a minute to a drawn map.
  }, 240_000);
  afterAll(async () => {
    await c?.stop();
    await streams?.close();
    rmSync(clipDir, { recursive: true, force: true });
  });

  it(
    'the tablet plays a tapped camera (its video’s time advances) and says a dead one is unreachable',
    { timeout: 240_000 },
    async () => {
      const { page } = c;
      await centreMap(page, [(LIVE_AT[0] + DEAD_AT[0]) / 2, LIVE_AT[1]], 16);
      const live = await pointOf(page, LIVE_AT);
      await page.mouse.click(live.x, live.y);
      const player = page.locator('[data-testid=camera-player]');
      await expect.poll(() => player.getAttribute('data-camera')).toBe('ent-test:cam-live');
      const video = '[data-testid=camera-player] video';
      await expect.poll(() => currentTime(page, video), { timeout: 60_000 }).toBeGreaterThan(0.5);
      const t1 = await currentTime(page, video);
      await expect
        .poll(() => currentTime(page, video), { timeout: 30_000 })
        .toBeGreaterThan(t1 + 1);
      await expect
        .poll(() => player.locator('[data-testid=camera-video]').getAttribute('data-state'))
        .toBe('playing');
      await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'command-camera-1024x768.png') });

      const dead = await pointOf(page, DEAD_AT);
      await page.mouse.click(dead.x, dead.y);
      await expect.poll(() => player.getAttribute('data-camera')).toBe('ent-test:cam-dead');
      await expect.poll(() => player.textContent()).toContain('无法连接');
      await expect
        .poll(() => player.locator('[data-testid=camera-video]').getAttribute('data-state'), {
          timeout: 30_000,
        })
        .toBe('failed');
      expect(await player.textContent()).toContain('无法播放该视频流');
    },
  );

  it(
    'the wall plays the nearest working camera beside a focused incident; the pinned dead one says unreachable',
    { timeout: 300_000 },
    async () => {
      // The tablet's map and video cost a shared 2-core machine enough to starve the wall's map.
      await c.page.close();
      const wall = await c.newPage({ width: 1920, height: 1080 });
      await wall.goto(`${c.server.url}/?display=wall-1&key=key-wall-1`, { timeout: 120_000 });
      await wall.waitForSelector('body[data-map-ready="1"]', { timeout: 120_000 });
      await wall.locator('[data-testid=connection][data-state=live]').waitFor();
      await c.h.publish(
        'incident',
        incidentMessage('cam-fire', {
          level: 'II',
          title: '化工园区仓库火灾',
          location: { type: 'Point', coordinates: INCIDENT_AT },
        }),
      );
      await expect
        .poll(() => wall.locator('[data-testid=focus-banner]').getAttribute('data-entity-id'), {
          timeout: 30_000,
        })
        .toBe('ent-test:cam-fire');
      const tiles = wall.locator('[data-testid=camera-tile]');
      await expect
        .poll(async () =>
          tiles.evaluateAll((els) =>
            els.map((e) => (e as unknown as Attributed).getAttribute('data-camera')),
          ),
        )
        .toEqual(['ent-test:cam-dead', 'ent-test:cam-live']);
      expect(await tiles.nth(0).textContent()).toContain('无法连接');
      const video = '[data-testid=camera-tile][data-camera="ent-test:cam-live"] video';
      await expect.poll(() => currentTime(wall, video), { timeout: 60_000 }).toBeGreaterThan(0.5);
      const t1 = await currentTime(wall, video);
      await expect
        .poll(() => currentTime(wall, video), { timeout: 30_000 })
        .toBeGreaterThan(t1 + 1);
      await wall.screenshot({
        path: path.join(DOCS_SCREENSHOTS, 'wall-camera-tiles-1920x1080.png'),
      });
      expect(c.errors).toEqual([]);
    },
  );
});
