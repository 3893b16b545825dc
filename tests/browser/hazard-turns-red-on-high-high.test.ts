import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { centreMap, launchChromium, pixel, projectOnPage, screenshot } from '../helpers/browser';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { startTestServer } from '../helpers/product';

const LT = 'tank-farm-1-lt1';

describe('the map', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startFeedHarness('browser', BROKERS[0]!);
    server = await startTestServer(h.iso, { CLIENT_DIST: path.resolve('client/dist') });
    await h.publish('sensor', reading(LT, 60, Date.now() - 2_000));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-map-ready="1"]');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
  });

  it('turns a hazard red and lists its alarm when a reading passes high-high', async () => {
    const hazardId = `${h.agency}:${h.hazard.id}`;
    await page.locator('[data-testid=connection][data-state=live]').waitFor();
    await expect.poll(() => page.locator('[data-testid=hazard-count]').textContent()).toBe('1');
    await expect.poll(() => page.locator('[data-testid=alarm-item]').count()).toBe(0);

    // Centre the hazard so its marker is well inside the map.
    const location = h.hazard.location.coordinates as [number, number];
    await centreMap(page, location, 11);
    const at = await projectOnPage(page, location);
    const [r0, g0] = pixel(await screenshot(page, 'hazard-normal'), at.x, at.y);
    expect(g0).toBeGreaterThan(150);
    expect(r0).toBeLessThan(120);

    await h.publish('sensor', reading(LT, 97, Date.now() - 1_000));
    const item = page.locator(`[data-testid=alarm-item][data-hazard-id="${hazardId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-level')).toBe('HH');
    await expect.poll(() => page.locator('[data-testid=alarm-count]').textContent()).toBe('1');
    await expect
      .poll(async () => {
        const [r, g, b] = pixel(await screenshot(page, 'hazard-high-high'), at.x, at.y);
        return r > 200 && g < 90 && b < 90;
      })
      .toBe(true);
  });
});
