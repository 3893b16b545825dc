import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { launchChromium } from '../helpers/browser';
import { isolate } from '../helpers/isolation';
import type { TestSchema } from '../helpers/postgres';
import { startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import {
  archiveScenario,
  DISPATCH_NOTE,
  INCIDENT_ID,
  TITLE,
  UNITS,
} from '../helpers/report-scenario';

/** The report page on a tablet (1366×1024), signed in as a viewer, and printed from the page. */
describe('/incident-report/{id} on the tablet', () => {
  const iso = isolate('report-page');
  let redis: Redis;
  let db: TestSchema;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    redis = await connectRedis();
    db = await archiveScenario(iso, redis);
    server = await startTestServer(iso, {
      DATABASE_URL: db.url,
      CLIENT_DIST: path.resolve('client/dist'),
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 1024 } });
    page = await context.newPage();
    await page.goto(`${server.url}/incident-report/${encodeURIComponent(INCIDENT_ID)}`);
    const form = page.locator('[data-testid=sign-in]');
    await form.waitFor({ timeout: 60_000 });
    await form.locator('input[name=username]').fill('viewer-1');
    await form.locator('input[name=password]').fill('pw-viewer-1');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached', timeout: 30_000 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
    await dropPrefix(redis, iso.prefix);
    await redis?.close();
  });

  it('shows the timeline, the intervals per unit with p50/p90, the notes and two maps', async () => {
    const report = page.locator('article.ir');
    await report.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=incident-report]').getAttribute('data-state')).toBe(
      'ready',
    );
    expect(await report.locator('h1').textContent()).toContain(TITLE);
    expect(await report.locator('[data-interval=reportToFirstDispatch]').textContent()).toBe(
      '1:30',
    );
    const row = (label: string) =>
      report
        .locator('section[data-section=intervals] tr', { hasText: label })
        .first()
        .locator('td');
    expect(await row('调派 → 签收').allTextContents()).toEqual([
      '调派 → 签收',
      '0:40',
      '1:10',
      '3',
    ]);
    expect(await row('调派 → 到场').allTextContents()).toEqual([
      '调派 → 到场',
      '10:00',
      '15:00',
      '3',
    ]);
    for (const u of UNITS) {
      const cells = await report.locator(`tr[data-unit="${u.id}"] td`).allTextContents();
      expect(cells[0]).toBe(u.name);
      expect(cells.slice(2)).toEqual(
        [u.ack, u.enRoute, u.onScene].map(
          (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`,
        ),
      );
    }
    expect(await report.locator('section[data-section=timeline] tbody tr').count()).toBe(16);
    expect(await report.locator('section[data-section=notes]').textContent()).toContain(
      DISPATCH_NOTE,
    );
    expect(await report.locator('figure[data-map] svg').count()).toBe(2);
  });

  it('prints clean A4 pages: the report without the toolbar', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.incident-report__bar').isVisible()).toBe(false);
    // Printed as print media (what the browser's print does).
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-page-')), 'page.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('事件总结评估报告');
    expect(text).toContain(DISPATCH_NOTE);
    // The toolbar's words are not printed.
    expect(text).not.toContain('打印');
  }, 60_000);
});
