import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reading } from '../helpers/fixtures';
import {
  feedLinesShown,
  smallTouchTargets,
  startCommand,
  TABLET_1024,
  TABLET_1366,
  type CommandPage,
  type TestAgency,
} from '../helpers/command-page';
import { DOCS_SCREENSHOTS, incidentMessage } from '../helpers/wall-page';

const INCIDENT_AT: [number, number] = [119.932, 31.951];
const FE1 = {
  type: 'fire_engine',
  name: '新北消防站 1 号水罐车',
  location: [119.92, 31.96] as [number, number],
};
const FE2 = {
  type: 'fire_engine',
  name: '新北消防站 2 号泡沫车',
  location: [119.9, 31.97] as [number, number],
};
const AMB = {
  type: 'ambulance',
  name: '新北急救站 1 号车',
  location: [119.95, 31.94] as [number, number],
};

/** Records every state each unit row shows, in order (`resourceId|command|order|resource`). */
const WATCH_UNITS = `(() => {
  const seen = (window.__unitStates = []);
  const last = new Map();
  const snap = () => {
    for (const r of document.querySelectorAll('[data-testid=unit-row]')) {
      const d = r.dataset;
      const s = [d.resourceId, d.commandState, d.orderStatus, d.resourceStatus].join('|');
      if (last.get(d.resourceId) !== s) { last.set(d.resourceId, s); seen.push(s); }
    }
  };
  new MutationObserver(snap).observe(document.body, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-command-state', 'data-order-status', 'data-resource-status'],
  });
})()`;

function unitStates(page: Page): Promise<string[]> {
  return page.evaluate('window.__unitStates') as Promise<string[]>;
}

/** A wall page's stored resources' status (`window.__cc`). */
function wallStatus(wall: Page, id: string) {
  return wall.evaluate((rid) => {
    const { store } = (
      globalThis as unknown as {
        __cc: { store: { getState(): { resources: ReadonlyMap<string, { status: string }> } } };
      }
    ).__cc;
    return store.getState().resources.get(rid)?.status;
  }, id);
}

describe('the tablet, dispatching to an incident', () => {
  let c: CommandPage;
  let wall: Page;
  let fire: TestAgency;
  const ids = { fe1: '', fe2: '', amb: '', depot: '' };

  beforeAll(async () => {
    c = await startCommand('cmd-dispatch');
    const { h } = c;
    fire = await c.agency('fire-test');
    ids.fe1 = await fire.unit('XB-FE-01', FE1);
    ids.fe2 = await fire.unit('XB-FE-02', FE2);
    ids.amb = await fire.unit('XB-AMB-01', AMB);
    await fire.publish('resource', {
      id: 'DEPOT-1',
      ts: new Date().toISOString(),
      type: 'material_depot',
      name: '新北区应急物资储备库',
      status: 'available',
      location: { type: 'Point', coordinates: [119.91, 31.93] },
      inventory: [
        { item: '泡沫灭火剂', quantity: 20, unit: '吨' },
        { item: '编织袋', quantity: 5000, unit: '条' },
      ],
    });
    ids.depot = 'fire-test:DEPOT-1';
    const edu = await c.agency('edu-test');
    const place = (id: string, type: string, name: string, people: number, at: number[]) =>
      edu.publish('place', {
        id,
        ts: new Date().toISOString(),
        type,
        name,
        people,
        location: { type: 'Point', coordinates: at },
      });
    await place('SCH-1', 'school', '春江中心小学', 1_260, [119.936, 31.953]);
    await place('HOS-1', 'hospital', '新北区人民医院', 820, [119.945, 31.945]);
    await place('FAR-1', 'nursing_home', '远处养老院', 90, [119.6, 31.5]);
    await h.publish(
      'incident',
      incidentMessage('fire-1', {
        level: 'III',
        title: '春江化工园区仓库火灾',
        casualties: { dead: 0, injured: 2, missing: 0, trapped: 1 },
        location: { type: 'Point', coordinates: INCIDENT_AT },
      }),
    );
    await c.signIn('commander-1');
    wall = await c.openWall();
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('opens the incident, sees hazards, places and units around it, dispatches two and follows them on the tablet and the wall', async () => {
    const { page, h } = c;
    const incidentId = `${h.agency}:fire-1`;
    // A fresh level reading: the tank farm is live and normal (its sensors report every 5 s).
    await h.publish('sensor', reading('tank-farm-1-lt1', 62, Date.now() - 500));
    await page.locator(`[data-testid=incident-row][data-incident-id="${incidentId}"]`).click();
    const detail = page.locator('[data-testid=incident-detail]');
    await detail.waitFor();
    expect(await detail.locator('[data-kind=trapped]').getAttribute('data-value')).toBe('1');
    await detail.locator('[data-testid=tab-support]').click();

    // Within 5 km: the tank farm (normal, with its live level), the school and the hospital.
    const hazard = page.locator('[data-testid=support-hazard]');
    await expect.poll(() => hazard.count()).toBe(1);
    await expect.poll(() => hazard.getAttribute('data-state')).toBe('normal');
    const hazardText = (await hazard.textContent()) ?? '';
    expect(hazardText).toContain('液氯储罐区');
    expect(hazardText).toContain('1级重大危险源');
    expect(hazardText).toContain('液氯');
    expect(hazardText).toContain('液位 62%');
    const places = page.locator('[data-testid=support-place]');
    expect(await places.count()).toBe(2);
    expect(await places.first().textContent()).toContain('春江中心小学');
    expect(
      await places.first().locator('[data-testid=place-people]').getAttribute('data-value'),
    ).toBe('1260');
    // A fire needs fire engines, rescue teams and ambulances; the nearest engine first.
    const engines = page.locator('[data-type=fire_engine] [data-testid=candidate]');
    expect(await engines.count()).toBe(2);
    expect(await engines.first().getAttribute('data-resource-id')).toBe(ids.fe1);
    expect(await engines.first().textContent()).toMatch(/公里 · 约 \d+ 分钟/);
    expect(
      await page.locator(`[data-type=ambulance] [data-resource-id="${ids.amb}"]`).count(),
    ).toBe(1);
    const depot = page.locator('[data-testid=support-depot]');
    expect(await depot.count()).toBe(1);
    expect(await depot.textContent()).toContain('泡沫灭火剂 20 吨');
    expect(await depot.textContent()).not.toContain('编织袋');

    // Pick two engines.
    fire.answerOrders();
    await engines.nth(0).click();
    await engines.nth(1).click();
    expect(await engines.nth(0).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.dispatch-bar').textContent()).toContain('已选 2 个单位');
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'command-1024x768.png') });

    await page.locator('[data-testid=dispatch]').click();
    const dialog = page.locator('[data-testid=dispatch-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid=dispatch-list] li').count()).toBe(2);
    expect(await smallTouchTargets(page)).toEqual([]);
    await dialog.locator('[data-testid=order-note]').fill('从港区大道北口进入');
    await page.evaluate(WATCH_UNITS);
    await dialog.locator('[data-testid=dispatch-confirm]').click();
    await dialog.waitFor({ state: 'detached' });

    // The units tab: both pending first, then acknowledged by the agency, then en route.
    const row = (id: string) => page.locator(`[data-testid=unit-row][data-resource-id="${id}"]`);
    for (const id of [ids.fe1, ids.fe2]) {
      await expect.poll(() => row(id).getAttribute('data-order-status')).toBe('acknowledged');
      await expect.poll(() => row(id).getAttribute('data-resource-status')).toBe('en_route');
      expect(await row(id).getAttribute('data-command-state')).toBe('');
    }
    const states = await unitStates(page);
    for (const id of [ids.fe1, ids.fe2]) {
      const mine = states.filter((s) => s.startsWith(`${id}|`));
      const pending = mine.findIndex((s) => s.split('|')[1] === 'pending');
      const acknowledged = mine.findIndex((s) => s.split('|')[2] === 'acknowledged');
      const enRoute = mine.findIndex((s) => s.split('|')[3] === 'en_route');
      // Shown pending before anything else, and never acknowledged before the agency said so.
      expect(pending).toBe(0);
      expect(mine[0]!.split('|')[2]).toBe('');
      expect(acknowledged).toBeGreaterThan(pending);
      expect(enRoute).toBeGreaterThanOrEqual(acknowledged);
    }
    // The agency got both orders, with the note and who gave them.
    expect(fire.received.map((n) => n.resourceId).sort()).toEqual(['XB-FE-01', 'XB-FE-02']);
    expect(fire.received.every((n) => n.incidentId === incidentId && n.by === 'commander-1')).toBe(
      true,
    );
    expect(fire.received[0]!.note).toBe('从港区大道北口进入');

    // The wall beside the tablet shows the same: acknowledged, then en route.
    for (const [id, unit] of [
      [ids.fe1, FE1],
      [ids.fe2, FE2],
    ] as const) {
      await expect.poll(() => wallStatus(wall, id)).toBe('en_route');
      // Each line once, though the feed under the map may have moved on since.
      await expect.poll(() => feedLinesShown(wall, `${unit.name} 已接受调派`)).toBe(1);
      await expect.poll(() => feedLinesShown(wall, `${unit.name}：途中`)).toBe(1);
    }

    // The timeline tells the story.
    await detail.locator('[data-testid=tab-timeline]').click();
    const timeline = detail.locator('[data-testid=timeline]');
    await expect.poll(() => timeline.getAttribute('data-complete')).toBe('1');
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain(`调派 ${FE1.name}`);
    expect(text).toContain(`${FE2.name} 已接受调派`);
    expect(text).toContain(`${FE1.name}：途中`);
    expect(text).toContain('事件接报');

    // A recall goes the same way: pending, then the order the agency has yet to answer.
    await detail.locator('[data-testid=tab-units]').click();
    await row(ids.fe2).locator('[data-testid=recall]').click();
    await page.locator('[data-testid=recall-dialog] [data-testid=recall-confirm]').click();
    await expect.poll(() => row(ids.fe2).getAttribute('data-recall-status')).toBe('sent');
    await expect
      .poll(() => fire.received.filter((n) => n.kind === 'recall').map((n) => n.resourceId))
      .toEqual(['XB-FE-02']);
    expect(c.errors).toEqual([]);
  });

  it('fits 1024×768 and 1366×1024, landscape and portrait, with touch-sized controls; English on demand', async () => {
    const { page } = c;
    await page.locator('[data-testid=tab-support]').click();
    for (const size of [
      TABLET_1024,
      { width: 768, height: 1024 },
      TABLET_1366,
      { width: 1024, height: 1366 },
    ]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      const layout = await page.evaluate(() => {
        const w = globalThis as unknown as {
          innerWidth: number;
          innerHeight: number;
          document: {
            documentElement: { scrollWidth: number; scrollHeight: number };
            querySelector(
              s: string,
            ): { getBoundingClientRect(): { width: number; height: number } } | null;
          };
        };
        const box = (s: string) => w.document.querySelector(s)?.getBoundingClientRect();
        return {
          overflowX: w.document.documentElement.scrollWidth > w.innerWidth,
          overflowY: w.document.documentElement.scrollHeight > w.innerHeight,
          panel: box('.tablet__panel'),
          map: box('.tablet__map'),
        };
      });
      expect(layout.overflowX, `${size.width}×${size.height}`).toBe(false);
      expect(layout.overflowY, `${size.width}×${size.height}`).toBe(false);
      expect(layout.panel!.height).toBeGreaterThan(300);
      expect(layout.map!.width).toBeGreaterThan(500);
      expect(layout.map!.height).toBeGreaterThan(300);
      expect(await smallTouchTargets(page), `${size.width}×${size.height}`).toEqual([]);
    }
    await page.setViewportSize(TABLET_1366);
    await page.locator('[data-testid=tab-units]').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'command-1366x1024.png') });

    await page.locator('[data-testid=language]').click();
    await expect.poll(() => page.locator('[data-testid=tab-units]').textContent()).toBe('Units');
    expect(await page.locator('[data-testid=unit-row]').first().textContent()).toContain(
      'Agency acknowledged',
    );
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(c.errors).toEqual([]);
  });
});
