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
  /** Requests that left the page's own origin: the product must work on an isolated network. */
  const foreign: string[] = [];

  beforeAll(async () => {
    h = await startFeedHarness('browser', BROKERS[0]!);
    // Sign-in off: the wall is a read-only display anyone on the network can open.
    server = await startTestServer(h.iso, {
      CLIENT_DIST: path.resolve('client/dist'),
      USERS_FILE: '',
    });
    await h.publish('sensor', reading(LT, 60, Date.now() - 2_000));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
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
    // The fixture sensor reports every 5 s and reads offline after 15 s of silence: on a loaded
    // machine loading the page can take that long, so report again before looking.
    await h.publish('sensor', reading(LT, 60, Date.now()));
    await expect
      .poll(() => page.locator('[data-testid=offline-count]').getAttribute('data-value'))
      .toBe('0');
    const at = await projectOnPage(page, location);
    const [r0, g0] = pixel(await screenshot(page, 'hazard-normal'), at.x, at.y);
    expect(g0).toBeGreaterThan(150);
    expect(r0).toBeLessThan(120);

    // Tapping the hazard shows its sensors with their live values.
    await page.mouse.click(at.x, at.y);
    const detail = page.locator(`[data-testid=hazard-detail][data-hazard-id="${hazardId}"]`);
    await detail.waitFor();
    expect(await detail.textContent()).toContain(h.hazard.name);
    const row = detail.locator(`[data-testid=sensor-row][data-sensor-id="${h.agency}:${LT}"]`);
    await expect.poll(() => row.getAttribute('data-level')).toBe('normal');
    expect(await row.textContent()).toContain('60');

    // Newer than the report above, or it would be a late reading: history only.
    await h.publish('sensor', reading(LT, 97, Date.now()));
    const item = page.locator(`[data-testid=alarm-item][data-hazard-id="${hazardId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-level')).toBe('HH');
    await expect.poll(() => page.locator('[data-testid=alarm-count]').textContent()).toBe('1');
    await expect
      .poll(async () => {
        // The wall flies to a high-high alarm: look where the hazard is drawn now.
        const now = await projectOnPage(page, location);
        const [r, g, b] = pixel(await screenshot(page, 'hazard-high-high'), now.x, now.y);
        return r > 200 && g < 90 && b < 90;
      })
      .toBe(true);
    await expect.poll(() => row.getAttribute('data-level')).toBe('HH');
    expect(await row.textContent()).toContain('97');
    expect(foreign).toEqual([]);
  });
});
