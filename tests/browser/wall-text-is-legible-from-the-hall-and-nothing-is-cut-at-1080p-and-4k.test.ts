import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoWall, type DemoWall } from '../helpers/wall-page';
import {
  clipped,
  mapTextSizes,
  renderedTextSizes,
  ruleMinPx,
  type TextSize,
} from '../helpers/wall-legibility';

/** The wall has filled: incidents, resources, the event feed and the feed strip. */
async function filled(page: Page) {
  await expect
    .poll(async () => Number(await page.getAttribute('[data-testid=event-feed]', 'data-count')), {
      timeout: 60_000,
    })
    .toBeGreaterThan(3);
  await expect
    .poll(
      async () => Number(await page.getAttribute('[data-testid=situation-incidents]', 'data-open')),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
}

const tooSmall = (sizes: TextSize[], min: number) =>
  sizes
    .filter((s) => !(s.px >= min - 0.01))
    .map((s) => `${s.where} "${s.text}" ${s.px.toFixed(1)}px`);

/** Every text of the chrome and every map label at least the rule's size; nothing cut. */
async function checkScreen(page: Page, expectedMinPx: number) {
  const { minPx } = await ruleMinPx(page);
  expect(minPx).toBeCloseTo(expectedMinPx, 1);
  // The map's placement follows a resize within a few hundred ms.
  await expect
    .poll(async () => tooSmall((await mapTextSizes(page)).labels, minPx), { timeout: 30_000 })
    .toEqual([]);
  const map = await mapTextSizes(page);
  expect(map.labels.length).toBeGreaterThan(5);
  if (map.clusterPx !== null) expect(map.clusterPx).toBeGreaterThanOrEqual(minPx - 0.01);
  const chrome = await renderedTextSizes(page);
  expect(chrome.length).toBeGreaterThan(50);
  expect(tooSmall(chrome, minPx)).toEqual([]);
  expect(await clipped(page)).toEqual({ tall: [], cut: [] });
  // The read-only wall has no zoom buttons.
  expect(await page.locator('.maplibregl-ctrl-zoom-in, .maplibregl-ctrl-zoom-out').count()).toBe(0);
}

// In both languages: English labels are longer, and must fit as well.
for (const lang of ['zh-CN', 'en'] as const) {
  describe(`the wall's type and fit (${lang})`, () => {
    let wall: DemoWall;

    beforeAll(async () => {
      wall = await startDemoWall(
        `wall-legible-${lang}`,
        { everydayEveryMs: 3_000, seriousEveryMs: 30_000, firstSeriousAfterMs: 2_000 },
        lang === 'en' ? '&lang=en' : '',
      );
    }, 240_000);
    afterAll(async () => {
      await wall?.stop();
    });

    // The default viewing (6 m from a picture 2.4 m high, 0.3°): 31.4 mm, 14.1 px at 1080 lines.
    it('prints nothing smaller than 0.3° from 6 m at 1920×1080, cuts nothing, has no zoom buttons', async () => {
      await filled(wall.page);
      await checkScreen(wall.page, 14.14);
      expect(wall.errors).toEqual([]);
    }, 300_000);

    // The same viewing on a 4K wall: 28.3 px at 2160 lines.
    it('prints nothing smaller than 0.3° from 6 m at 3840×2160 and cuts nothing', async () => {
      await wall.page.setViewportSize({ width: 3840, height: 2160 });
      await checkScreen(wall.page, 28.28);
      expect(wall.errors).toEqual([]);
    }, 300_000);

    it("names a weather station's alarm by its kind and name, not by its id", async () => {
      const { page } = wall;
      const stationAlarm = `(() => {
        const s = window.__cc.store.getState();
        for (const a of s.alarms.values()) {
          const st = a.hazardId && s.stations.get(a.hazardId);
          if (st) return { id: a.id, name: st.name };
        }
        return null;
      })()`;
      await expect.poll(() => page.evaluate(stationAlarm), { timeout: 90_000 }).not.toBeNull();
      const { id, name } = (await page.evaluate(stationAlarm)) as { id: string; name: string };
      // The list shows as many alarms as fit, newest first: give it the right column's whole
      // height (a resize makes it fit again) so the station's alarm is among those shown.
      await page.evaluate(`(() => {
        for (const el of document.querySelectorAll('.wall__right > :not(.wall__alarms)')) el.style.display = 'none';
        window.dispatchEvent(new Event('resize'));
      })()`);
      const item = page.locator(`[data-testid=alarm-item][data-alarm-id="${id}"] .alarm__hazard`);
      expect(await item.textContent()).toBe(`${lang === 'en' ? 'Station' : '监测站'} ${name}`);
    }, 300_000);
  });
}
