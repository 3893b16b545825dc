import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { launchChromium } from '../helpers/browser';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { startTestServer } from '../helpers/product';

const LIVE = '[data-testid=connection][data-state=live]';

/** The token the page keeps (`localStorage['cc.token']`), typed without the DOM. */
function storedToken(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { localStorage: { getItem(key: string): string | null } }
    ).localStorage.getItem('cc.token'),
  );
}

describe('signing in', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    h = await startFeedHarness('browser', BROKERS[0]!);
    // Sign-in on: the test users file (tests/fixtures/users.test.yaml) of the test config.
    server = await startTestServer(h.iso, { CLIENT_DIST: path.resolve('client/dist') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
  });

  it('a wall exchanges its display key for a token and the key leaves the address bar', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/?display=wall-1&key=key-wall-1`);
    await page.locator(LIVE).waitFor();
    expect(page.url()).not.toContain('key');
    expect(page.url()).toContain('display=wall-1');
    expect(await page.locator('[data-testid=sign-in]').count()).toBe(0);
    // A wall is not a person: nobody to sign out.
    expect(await page.locator('[data-testid=sign-out]').count()).toBe(0);
    expect(await storedToken(page)).toMatch(/^ey/);

    // Reloaded, it signs in with the stored token.
    await page.reload();
    // A reload on a loaded machine can take a while to draw and connect.
    await page.locator(LIVE).waitFor({ timeout: 60_000 });
    await context.close();
  });

  it('a person without a token signs in, a wrong password says so, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    const form = page.locator('[data-testid=sign-in]');
    await form.waitFor();
    expect(await page.locator(LIVE).count()).toBe(0);

    await form.locator('input[name=username]').fill('commander-1');
    await form.locator('input[name=password]').fill('not-the-password');
    await form.locator('button[type=submit]').click();
    const error = page.locator('[data-testid=sign-in-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');

    // Touch-sized controls.
    for (const control of ['input[name=username]', 'input[name=password]', 'button[type=submit]']) {
      const box = await form.locator(control).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }

    await form.locator('input[name=password]').fill('pw-commander-1');
    await form.locator('button[type=submit]').click();
    await page.locator(LIVE).waitFor();
    await expect.poll(() => form.count()).toBe(0);

    await page.locator('[data-testid=sign-out]').click();
    await form.waitFor();
    await expect.poll(() => page.locator(LIVE).count()).toBe(0);
    expect(await storedToken(page)).toBeNull();
    await context.close();
  });
});
