import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommand, type CommandPage } from '../helpers/command-page';
import { ruleMinPx } from '../helpers/wall-legibility';
import { DOCS_SCREENSHOTS } from '../helpers/wall-page';

/*
 * Two emergency shelters of the test agency in the city centre, one open with 126 people and one
 * closed, and a material depot whose tents are below their minimum. The wall (1920×1080, its
 * relief panel in view) and the tablet (/command) are open side by side on the same product.
 */
const OPEN_AT: [number, number] = [119.952, 31.79];
const CLOSED_AT: [number, number] = [119.985, 31.768];
const point = (at: [number, number]) => ({ type: 'Point', coordinates: at });

interface Drawn {
  labels: { id: string; text: string; textPx: number }[];
  symbols: { id: string; kind: 'icon' | 'dot' | 'cluster'; merged: number }[];
}

async function drawn(page: Page): Promise<Drawn> {
  return (await page.evaluate('window.__cc.drawn()')) as Drawn;
}

/** What the map draws for the shelters: their symbols' ids and kinds, their labels' texts. */
async function drawnShelters(page: Page) {
  const d = await drawn(page);
  return {
    symbols: d.symbols.filter((s) => s.id.startsWith('shelter:')).map((s) => `${s.id} ${s.kind}`),
    labels: d.labels.filter((l) => l.id.startsWith('shelter:')).map((l) => l.text),
  };
}

describe('shelters and reserves on the wall and the tablet', () => {
  let c: CommandPage;
  let wall: Page;
  let openSymbol: string;
  let closedSymbol: string;

  beforeAll(async () => {
    c = await startCommand('shelters-map');
    await c.signIn('viewer-1');
    wall = await c.openWall({ width: 1920, height: 1080 });
    openSymbol = `shelter:${c.h.agency}:SH-OPEN`;
    closedSymbol = `shelter:${c.h.agency}:SH-SHUT`;
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
  });

  it("draws each shelter with its occupancy, follows an occupancy update, and the wall's relief panel counts the people sheltered and the short stock", async () => {
    const { h, page: tablet } = c;
    const now = Date.now();
    await h.publish('shelter', {
      id: 'SH-OPEN',
      ts: new Date(now - 60_000).toISOString(),
      name: '测试体育馆应急避难场所',
      location: point(OPEN_AT),
      capacity: 3000,
      occupancy: 126,
      status: 'open',
      facilities: ['water', 'power', 'toilet'],
    });
    await h.publish('shelter', {
      id: 'SH-SHUT',
      ts: new Date(now - 60_000).toISOString(),
      name: '测试公园应急避难场所',
      location: point(CLOSED_AT),
      capacity: 5000,
      occupancy: 0,
      status: 'closed',
    });
    await h.publish('resource', {
      id: 'DEPOT-T',
      ts: new Date(now - 30_000).toISOString(),
      type: 'material_depot',
      name: '测试应急物资储备库',
      status: 'available',
      location: point([119.93, 31.86]),
      inventory: [
        { item: '救灾帐篷', quantity: 40, unit: '顶', minimum: 300 },
        { item: '棉被', quantity: 5000, unit: '床', minimum: 3000 },
      ],
    });

    // Both maps, at their overview: both houses drawn (not merged), the open one named with its
    // occupancy against capacity; the closed one is named only close up.
    for (const page of [wall, tablet]) {
      await expect
        .poll(() => drawnShelters(page), { timeout: 60_000 })
        .toEqual({
          symbols: expect.arrayContaining([`${openSymbol} icon`, `${closedSymbol} icon`]),
          labels: ['测试体育馆 126/3000'],
        });
    }
    // The wall's labels keep the hall's legibility rule.
    const { minPx } = await ruleMinPx(wall);
    const wallLabel = (await drawn(wall)).labels.find((l) => l.id.startsWith(openSymbol));
    expect(wallLabel!.textPx).toBeGreaterThanOrEqual(minPx - 0.01);

    // The gate count: occupancy telemetry on the same topic.
    await h.publish('shelter', {
      id: 'SH-OPEN',
      ts: new Date().toISOString(),
      occupancy: 480,
    });
    for (const page of [wall, tablet]) {
      await expect
        .poll(async () => (await drawnShelters(page)).labels, { timeout: 30_000 })
        .toEqual(['测试体育馆 480/3000']);
    }

    // The wall's relief panel gives figures (its lists are the tablet's): the open shelters'
    // people against capacity, and how many stock lines are short.
    const occupancy = wall.locator('[data-testid=shelters-occupancy]');
    await expect.poll(() => occupancy.getAttribute('data-people')).toBe('480');
    expect(await occupancy.getAttribute('data-open')).toBe('1');
    expect(await occupancy.getAttribute('data-capacity')).toBe('3000');
    expect(await occupancy.isVisible()).toBe(true);
    const shownShelters = await occupancy.innerText();
    expect(shownShelters).toContain('开放 1/2');
    expect(shownShelters).toContain('已安置 480 人 / 容量 3000 人，尚余 2520 人');
    const short = wall.locator('[data-testid=reserves-short]');
    await expect.poll(() => short.getAttribute('data-count')).toBe('1');
    expect(await short.isVisible()).toBe(true);
    expect((await short.innerText()).replace(/\s+/g, ' ')).toContain('物资低于最低储备 1');
    // The line behind the count (listed on the tablet): the tents, 40 of a minimum of 300, not
    // the quilts (5000 of 3000); on the wall, its alarm list names the depot with the count.
    const shortLine =
      (await short.locator('[data-testid=reserves-short-line]').textContent()) ?? '';
    expect(shortLine).toContain('救灾帐篷');
    expect(shortLine).toContain('40/300');
    expect(shortLine).not.toContain('棉被');
    const alarm = wall.locator('[data-testid=alarm-item]', { hasText: '测试应急物资储备库' });
    await alarm.first().waitFor({ timeout: 30_000 });
    expect(await alarm.first().innerText()).toContain('40');

    // Close up, the closed shelter is named too, and said to be closed.
    await wall.evaluate(
      `window.__cc.map.jumpTo({ center: [${(OPEN_AT[0] + CLOSED_AT[0]) / 2}, ${(OPEN_AT[1] + CLOSED_AT[1]) / 2}], zoom: 12.6 })`,
    );
    await expect
      .poll(async () => (await drawnShelters(wall)).labels.sort(), { timeout: 30_000 })
      .toEqual(['测试体育馆 480/3000', '测试公园 0/5000 未开放']);
    await wall.waitForTimeout(1_500);
    await wall.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'wall-shelters.png') });
    expect(c.errors).toEqual([]);
  }, 240_000);

  it("takes the shelters off the tablet's map with the legend's switch, and back", async () => {
    const { page: tablet } = c;
    await tablet.locator('[data-testid=legend-button]').click();
    const legend = tablet.locator('[data-testid=legend]');
    await legend.waitFor();
    expect(await legend.textContent()).toContain('应急避难场所');
    const toggle = legend.locator('[data-testid=legend-toggle][data-layer=shelters]');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect
      .poll(() => drawnShelters(tablet), { timeout: 30_000 })
      .toEqual({ symbols: [], labels: [] });
    // The wall is another screen: its shelters stay.
    expect((await drawnShelters(wall)).symbols).toContain(`${openSymbol} icon`);
    await toggle.click();
    await expect
      .poll(async () => (await drawnShelters(tablet)).labels, { timeout: 30_000 })
      .toEqual(['测试体育馆 480/3000']);
    expect(c.errors).toEqual([]);
  }, 120_000);
});
