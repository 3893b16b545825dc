import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DOCS_SCREENSHOTS, startDemoWall, type DemoWall } from '../helpers/wall-page';

const number = async (page: Page, selector: string, attribute: string) =>
  Number(await page.getAttribute(selector, attribute));

/** Everything the wall must show, filled: counts above zero, lists with lines. */
async function expectEveryPanelFilled(page: Page) {
  await expect
    .poll(async () => number(page, '[data-testid=situation-incidents]', 'data-open'), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(() => number(page, '[data-testid=situation-resources]', 'data-total'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(20);
  await expect
    .poll(() => number(page, '[data-testid=hazard-count]', 'data-value'), { timeout: 20_000 })
    .toBeGreaterThan(20);
  await expect
    .poll(() => number(page, '[data-testid=situation-warnings]', 'data-count'), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => number(page, '[data-testid=event-feed]', 'data-count'), { timeout: 20_000 })
    .toBeGreaterThan(3);
  await expect
    .poll(() => number(page, '[data-testid=feed-strip]', 'data-feeds'), { timeout: 20_000 })
    .toBeGreaterThan(20);
  // Plan targets, roster and clock.
  expect(await page.locator('[data-testid=plan-accidents-ytd]').count()).toBe(1);
  expect(await page.locator('[data-testid=roster-entry]').count()).toBe(3);
  expect(await page.locator('[data-testid=clock]').textContent()).toMatch(/\d\d:\d\d:\d\d/);
  // Four-colour risk areas and warning areas are drawn (their layers hold data).
  const drawn = await page.evaluate(() => {
    const { store } = (
      globalThis as unknown as {
        __cc: {
          store: { getState(): { riskareas: { size: number }; warnings: { size: number } } };
        };
      }
    ).__cc;
    return { risk: store.getState().riskareas.size, warnings: store.getState().warnings.size };
  });
  expect(drawn.risk).toBeGreaterThan(4);
}

// Page-side checks as source text: the root tsconfig has no DOM types (and needs none).
const rootFontPx = async (page: Page) =>
  Number(await page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)'));

/** Nothing scrolls, nothing sticks out: the page and every panel fit the screen. */
async function expectNoScrolling(page: Page) {
  const fit = await page.evaluate(`(() => {
    const doc = document.documentElement;
    const panels = [...document.querySelectorAll('.panel, .feed-strip, .wall-header')];
    return {
      page: doc.scrollWidth <= doc.clientWidth && doc.scrollHeight <= doc.clientHeight,
      scrollable: panels
        .filter((p) => ['auto', 'scroll'].includes(getComputedStyle(p).overflowY))
        .map((p) => p.className),
      outside: panels
        .filter((p) => {
          const r = p.getBoundingClientRect();
          return r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
        })
        .map((p) => p.className),
    };
  })()`);
  expect(fit).toEqual({ page: true, scrollable: [], outside: [] });
}

describe('the wall on the running product with simulated feeds', () => {
  let wall: DemoWall;

  beforeAll(async () => {
    wall = await startDemoWall('wall-panels', {
      everydayEveryMs: 5_000,
      seriousEveryMs: 60_000,
      firstSeriousAfterMs: 6_000,
    });
  });
  afterAll(async () => {
    await wall?.stop();
  });

  it('fills every panel at 1920×1080, legibly, without scrolling', async () => {
    const { page } = wall;
    await expectEveryPanelFilled(page);
    await expectNoScrolling(page);
    // Type scales with the screen: 18 px at 1080 lines.
    expect(await rootFontPx(page)).toBeCloseTo(18, 2);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'wall-1920x1080.png') });
  });

  it('fills every panel at 3840×2160 with type twice the size', async () => {
    const { page } = wall;
    await page.setViewportSize({ width: 3840, height: 2160 });
    await expectEveryPanelFilled(page);
    await expectNoScrolling(page);
    expect(await rootFontPx(page)).toBeCloseTo(36, 2);
    await page.waitForTimeout(2_500);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'wall-3840x2160.png') });
  });

  it('switches to English by address', async () => {
    const { browser, server, page } = wall;
    // The 4K page keeps drawing in software: bring it back to size so two pages fit the machine.
    await page.setViewportSize({ width: 1280, height: 720 });
    const en = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await en.goto(`${server.url}/?display=wall-1&key=key-wall-1&lang=en`);
      await en.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 60_000 });
      expect(await en.locator('.wall-header__title').textContent()).toMatch(/Command Center/i);
      expect(await en.locator('[data-testid=event-feed] .panel__title').textContent()).toBe(
        'Live events',
      );
    } finally {
      await en.close();
    }
  });
});
