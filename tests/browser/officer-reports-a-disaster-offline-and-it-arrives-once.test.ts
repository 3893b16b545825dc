import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DisasterReport, type LiveEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { launchChromium } from '../helpers/browser';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { startTestServer } from '../helpers/product';
import { DOCS_SCREENSHOTS } from '../helpers/wall-page';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** A 1×1 PNG: the phone shrinks it to a JPEG before queueing it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('a disaster information officer at /report on a phone (390×844)', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const photosDir = mkdtempSync(path.join(tmpdir(), 'cc-officer-photos-'));

  beforeAll(async () => {
    h = await startFeedHarness('officer-page', BROKERS[0]!);
    server = await startTestServer(h.iso, {
      CLIENT_DIST: path.resolve('client/dist'),
      PHOTOS_DIR: photosDir,
    });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      geolocation: { longitude: 119.95, latitude: 31.7 },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${server.url}/report`);
    const form = page.locator('[data-testid=officer-sign-in]');
    await form.waitFor({ timeout: 90_000 });
    await form.locator('input[name=username]').fill('reporter-a');
    await form.locator('input[name=password]').fill('pw-reporter-a');
    await form.locator('button[type=submit]').click();
    await page.locator('[data-testid=officer-who]').waitFor({ timeout: 60_000 });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
    rmSync(photosDir, { recursive: true, force: true });
  });

  const storedReports = async () =>
    Object.values(await h.redis.hGetAll(h.keys.state('disasterreport'))).map((j) =>
      DisasterReport.parse(JSON.parse(j)),
    );

  it('a report typed with no link is queued on the phone, then sent once when the link returns', async () => {
    expect(await page.locator('[data-testid=officer-who]').textContent()).toBe(
      '湖塘镇灾害信息员 · 湖塘镇',
    );
    await context.setOffline(true);
    await expect.poll(() => page.locator('[data-testid=officer-link]').textContent()).toBe('离线');

    const form = page.locator('[data-testid=officer-form]');
    await form.locator('select[name=hazard]').selectOption('flood');
    await page.locator('[data-testid=officer-gps]').click();
    await expect
      .poll(() => page.locator('[data-testid=officer-location]').textContent())
      .toBe('31.70000, 119.95000 (定位)');
    await form.locator('input[name=affected]').fill('800');
    await form.locator('input[name=relocated]').fill('120');
    await form.locator('input[name=housesDamaged]').fill('6');
    await form.locator('input[name=lossWanYuan]').fill('55.5');
    await form.locator('textarea[name=description]').fill('湖塘镇河道漫溢，低洼村组进水');
    await page
      .locator('[data-testid=officer-photo-input]')
      .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => form.locator('.officer__thumbs img').count()).toBe(1);
    // The whole form in one picture: the page scrolls inside .officer, so let it grow for the shot.
    const unclip = await page.addStyleTag({
      content: 'html,body,#root,.officer{height:auto!important;overflow:visible!important}',
    });
    await page.screenshot({
      path: path.join(DOCS_SCREENSHOTS, 'report-phone.png'),
      fullPage: true,
    });
    await unclip.evaluate((el: { remove(): void }) => el.remove());

    await page.locator('[data-testid=officer-submit]').click();
    await expect
      .poll(() => page.locator('[data-testid=officer-queue]').textContent())
      .toBe('待发送 1 条');
    expect(await page.locator('[data-testid=officer-notice]').textContent()).toBe(
      '已存入本机待发送队列，有网络时自动发送',
    );
    // Nothing reached the server while the phone was offline.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await storedReports()).toEqual([]);

    await context.setOffline(false);
    await expect
      .poll(() => page.locator('[data-testid=officer-notice]').textContent(), { timeout: 30_000 })
      .toBe('已发送 1 条');
    expect(await page.locator('[data-testid=officer-queue]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=officer-link]').textContent()).toBe('在线');
    await expect
      .poll(() => page.locator('[data-testid=officer-today]').textContent())
      .toMatch(/本辖区已报 1 条$/);

    const reports = await storedReports();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      type: 'disaster',
      hazard: 'flood',
      status: 'pending',
      area: { code: '320412101' },
      location: [119.95, 31.7],
      locationSource: 'gps',
      figures: { affected: 800, relocated: 120, housesDamaged: 6, lossWanYuan: 55.5, dead: 0 },
      description: '湖塘镇河道漫溢，低洼村组进水',
    });
    expect(reports[0]!.photos).toHaveLength(1);
    const events = (await h.events()).filter(
      (e: LiveEvent) => e.kind === 'disasterreport' && e.op === 'upsert',
    );
    expect(events).toHaveLength(1);
    // The phone's queue is empty: nothing is left to send again.
    expect(await page.evaluate("localStorage.getItem('cc.officer.queue')")).toBe('[]');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await storedReports()).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 180_000);

  it('零报告: the button sends today’s and then says the area has reported', async () => {
    const zero = page.locator('[data-testid=officer-zero]');
    expect(await zero.textContent()).toBe('今日零报告（无灾情）');
    await zero.click();
    await expect.poll(() => zero.textContent()).toBe('今日已报');
    expect(await zero.isDisabled()).toBe(true);
    const zeros = (await storedReports()).filter((r) => r.type === 'zero');
    expect(zeros).toMatchObject([{ area: { code: '320412101', name: '湖塘镇' } }]);
  }, 60_000);
});
