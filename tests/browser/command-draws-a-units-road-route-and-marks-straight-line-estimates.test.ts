import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PNG } from 'pngjs';
import { centreMap, pixel, projectOnPage, screenshot } from '../helpers/browser';
import { startCommand, type CommandPage } from '../helpers/command-page';
import { incidentMessage } from '../helpers/wall-page';
import { E, N1, N2, S, W, writeRoadsFile } from '../fixtures/roads';

/** Route colours (client/src/command/use-command-layers.ts): a picked unit's, a dispatched one's. */
const CYAN: [number, number, number] = [0, 229, 255];
const AMBER: [number, number, number] = [255, 176, 32];

/** Pixels of about `colour` within `r` px of a page point. */
function near(png: PNG, at: { x: number; y: number }, colour: [number, number, number], r = 5) {
  let n = 0;
  for (let dx = -r; dx <= r; dx++)
    for (let dy = -r; dy <= r; dy++) {
      const c = pixel(png, at.x + dx, at.y + dy);
      if (c.every((v, i) => Math.abs(v - colour[i]!) < 60)) n++;
    }
  return n;
}

/** Opens the incident's decision support and waits for its units. */
async function openSupport(c: CommandPage) {
  const { page, h } = c;
  // Generous: on a loaded shared machine, a tap waits for a page drawing its map in software.
  await page
    .locator(`[data-testid=incident-row][data-incident-id="${h.agency}:fire-1"]`)
    .click({ timeout: 90_000 });
  const detail = page.locator('[data-testid=incident-detail]');
  await detail.waitFor();
  await detail.locator('[data-testid=tab-support]').click();
  const ambulances = page.locator('[data-type=ambulance] [data-testid=candidate]');
  await expect.poll(() => ambulances.count(), { timeout: 30_000 }).toBe(2);
  return ambulances;
}

/** A tablet with ambulances on both sides of the lake of tests/fixtures/roads.ts. */
async function lakeTablet(name: string, serverEnv: Record<string, string>) {
  const c = await startCommand(name, { serverEnv });
  const ems = await c.agency('ems-test');
  ems.answerOrders();
  const ids = {
    across: await ems.unit('ACROSS', { type: 'ambulance', name: '湖东急救车', location: E }),
    south: await ems.unit('SOUTH', { type: 'ambulance', name: '湖南急救车', location: S }),
  };
  await c.h.publish(
    'incident',
    incidentMessage('fire-1', {
      level: 'III',
      title: '湖西岸仓库火灾',
      location: { type: 'Point', coordinates: W },
    }),
  );
  await c.signIn('commander-1');
  return { c, ids };
}

describe('the tablet with a road network', () => {
  const roads = writeRoadsFile();
  let c: CommandPage;
  let ids: { across: string; south: string };

  beforeAll(async () => {
    ({ c, ids } = await lakeTablet('cmd-roads', { ROADS_FILE: roads.file }));
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
    roads.remove();
  });

  it('suggests the unit that arrives first by road, and draws a picked, then dispatched, unit’s route round the lake', async () => {
    const { page } = c;
    const ambulances = await openSupport(c);
    // Straight across the water "across" is nearer; by road "south" arrives first.
    expect(await ambulances.first().getAttribute('data-resource-id')).toBe(ids.south);
    expect(await ambulances.nth(1).textContent()).toMatch(/8\.6 公里 · 约 9 分钟/);
    expect(await page.locator('[data-testid=eta-estimate]').count()).toBe(0);

    await ambulances.nth(1).click();
    const support = page.locator('[data-testid=support]');
    await expect.poll(() => support.getAttribute('data-routes'), { timeout: 30_000 }).toBe('1');
    await centreMap(page, [120.01, 31.815], 13);
    const north = await projectOnPage(page, [(N1[0] + N2[0]) / 2, N1[1]]);
    const water = await projectOnPage(page, [(W[0] + E[0]) / 2, W[1]]);
    // The route is drawn along the north shore road, not across the water.
    await expect
      .poll(async () => near(await screenshot(page, 'command-road-route'), north, CYAN), {
        timeout: 30_000,
      })
      .toBeGreaterThan(5);
    expect(near(await screenshot(page, 'command-road-route'), water, CYAN)).toBe(0);

    // Dispatched, and on its way: its route stays on the map, in the dispatched colour.
    await page.locator('[data-testid=dispatch]').click();
    await page.locator('[data-testid=dispatch-confirm]').click();
    const row = page.locator(`[data-testid=unit-row][data-resource-id="${ids.across}"]`);
    await expect
      .poll(() => row.getAttribute('data-resource-status'), { timeout: 30_000 })
      .toBe('en_route');
    await expect
      .poll(async () => near(await screenshot(page, 'command-dispatched-route'), north, AMBER), {
        timeout: 30_000,
      })
      .toBeGreaterThan(5);
  }, 300_000);
});

describe('the tablet without a road network', () => {
  let c: CommandPage;

  beforeAll(async () => {
    ({ c } = await lakeTablet('cmd-no-roads', {}));
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('marks each ETA as a straight-line estimate (估) and draws no route', async () => {
    const { page } = c;
    const ambulances = await openSupport(c);
    for (const i of [0, 1]) {
      const mark = ambulances.nth(i).locator('[data-testid=eta-estimate]');
      expect(await mark.textContent()).toBe('估');
      expect(await mark.getAttribute('title')).toContain('直线');
    }
    await ambulances.first().click();
    await page.locator('[data-testid=support][data-loading="0"]').waitFor();
    expect(await page.locator('[data-testid=support]').getAttribute('data-routes')).toBe('0');
    await screenshot(page, 'command-straight-line-estimates');
  }, 300_000);
});
