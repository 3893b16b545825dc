import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerStats } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { centreMap, launchChromium, pixel, projectOnPage, screenshot } from '../helpers/browser';
import { newCommandId, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { hazardMessage } from '../helpers/fixtures';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';
import { TEST_WALL_FILE } from '../helpers/wall-page';

const AGENCY = 'ent-a';
/** Where the overdue 重大 item is: away from every other symbol, so its marker is what is drawn. */
const OVERDUE_AT: [number, number] = [119.9, 31.87];

function selfCheck(id: string, description: string, at: [number, number]) {
  return {
    id,
    ts: new Date().toISOString(),
    enterprise: '常州测试化工有限公司',
    sector: 'hazardous_chemicals',
    description,
    location: { type: 'Point', coordinates: at },
  };
}

/** A hazard source of another enterprise of the same agency, registered at a four-colour level. */
function site(id: string, enterprise: string, at: [number, number], riskLevel: string) {
  return {
    ...hazardMessage(id, new Date().toISOString()),
    name: `${enterprise}储罐区`,
    enterprise,
    grade: 4,
    riskLevel,
    // 10 t of methanol (Q 500 t): far below identification, so the live grade raises nothing.
    chemicals: [{ name: '甲醇', cas: '67-56-1', tonnes: 10 }],
    location: { type: 'Point', coordinates: at },
  };
}

/** What the page's deck.gl overlay draws in one layer: each datum's id and fill colour. */
async function layerData(page: Page, layerId: string) {
  return page.evaluate((id) => {
    interface DeckLayer {
      id: string;
      props: {
        data: { id: string }[];
        getFillColor: number[] | ((d: unknown) => number[]);
      };
    }
    interface Overlay {
      _deck?: { props: { layers: unknown[] } };
    }
    const hooks = globalThis as unknown as {
      __cc: { map: { _controls: Overlay[] } };
    };
    const overlay = hooks.__cc.map._controls.find((c) => c._deck);
    const layers = (overlay?._deck?.props.layers ?? []).flat(Infinity) as DeckLayer[];
    const layer = layers.find((l) => l && l.id === id);
    if (!layer) return null;
    const fill = layer.props.getFillColor;
    return layer.props.data.map((d) => ({
      id: d.id,
      fill: [...(typeof fill === 'function' ? fill(d) : fill)].slice(0, 3),
    }));
  }, layerId);
}

/**
 * The wall at 1920×1080 with the risk assessor and the overdue sweep on: three enterprises (red
 * by grade, blue and yellow as registered) and four hidden hazards moved along by supervision
 * staff — one left reported, one assessed 一般, one 重大 whose rectification deadline passes, one
 * 重大 under supervision (挂牌督办). The overdue 重大 item raises its agency's enterprises a step.
 */
describe('the wall: hidden hazards and the four-colour layer', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const step = async (localId: string, s: Record<string, unknown>) => {
    const r = await postCommand(
      server,
      {
        type: 'hiddenhazard.step',
        commandId: newCommandId(),
        hiddenHazardId: `${AGENCY}:${localId}`,
        step: s,
      },
      'supervisor',
    );
    expect(r, `${localId} ${String(s.action)}`).toMatchObject({ status: 200, body: { ok: true } });
  };
  const stage = async (localId: string) => {
    const json = await h.redis.hGet(h.keys.state('hiddenhazard'), `${AGENCY}:${localId}`);
    return json ? (JSON.parse(json) as { stage: string }).stage : undefined;
  };

  beforeAll(async () => {
    h = await startFeedHarness('wall-hh', BROKERS[0]!, AGENCY, {
      RISK_ASSESSMENT: 'on',
      HH_SWEEP_INTERVAL_MS: '200',
    });
    server = await startTestServer(h.iso, {
      CLIENT_DIST: path.resolve('client/dist'),
      WALL_FILE: TEST_WALL_FILE,
    });
    await h.publish('hazard', site('hz-2', '常州天宁精细化工有限公司', [119.98, 31.78], 'blue'));
    await h.publish('hazard', site('hz-3', '常州武进涂料有限公司', [119.95, 31.7], 'yellow'));
    const items: [string, string, [number, number]][] = [
      ['YH-1', '液氯储罐区可燃气体探测器失效', [119.931, 31.951]],
      ['YH-2', '装卸区静电接地报警仪损坏', [119.981, 31.781]],
      ['YH-3', '氯气吸收塔碱液循环泵停用', OVERDUE_AT],
      ['YH-4', '压力容器安全阀超期未检', [119.951, 31.701]],
    ];
    for (const [id, text, at] of items) await h.publish('hiddenhazard', selfCheck(id, text, at));
    for (const [id] of items) await waitFor(() => stage(id), `${id} stored`);
    for (const id of ['YH-2', 'YH-3', 'YH-4']) await step(id, { action: 'file' });
    await step('YH-2', { action: 'assess', grade: 'general' });
    await step('YH-3', { action: 'assess', grade: 'major' });
    await step('YH-4', { action: 'assess', grade: 'major' });
    const inADay = Date.now() + 86_400_000;
    await step('YH-3', {
      action: 'rectify',
      rectification: { plan: '恢复碱液循环', responsible: '张厂长', deadline: Date.now() + 1_500 },
    });
    await step('YH-4', {
      action: 'rectify',
      rectification: { plan: '送检安全阀', responsible: '李工', deadline: inADay },
    });
    await step('YH-4', { action: 'submit_evidence', note: '安全阀已送检' });
    await step('YH-4', { action: 'verify_pass' });
    await step('YH-4', {
      action: 'supervise',
      supervision: { department: '市应急管理局', supervisor: '王科长', deadline: inADay },
    });
    await waitFor(
      async () => {
        const json = await h.redis.hGet(h.keys.state('hiddenhazard'), `${AGENCY}:YH-3`);
        return json && JSON.parse(json).overdueSince !== undefined;
      },
      'YH-3 overdue',
      30_000,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // Generous: on a loaded 2-core machine Chromium's software GL took 45 s to a drawn map, and
    // more than 90 s at a load average of 24.
    await page.goto(`${server.url}/?display=wall-1&key=key-wall-1`, { timeout: 90_000 });
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 180_000 });
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 60_000 });
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
  });

  it('shows open hidden hazards by stage, the overdue one in red and 重大 under supervision, as the ledger counts them', async () => {
    const panel = page.locator('[data-testid=hh-panel]');
    await panel.waitFor({ timeout: 30_000 });
    const count = (stageName: string) =>
      panel.locator(`.hh-panel__stage[data-stage=${stageName}]`).getAttribute('data-count');
    const expected = { reported: '1', filed: '0', assessed: '1', rectifying: '1', supervised: '1' };
    for (const [s, n] of Object.entries(expected)) {
      await expect.poll(() => count(s), { timeout: 30_000 }).toBe(n);
    }
    expect(await count('verifying')).toBe('0');
    expect(await count('verified')).toBe('0');
    expect(await panel.locator('.panel__title').textContent()).toContain('在办 4');
    const overdue = panel.locator('[data-testid=hh-overdue]');
    expect(await overdue.getAttribute('data-count')).toBe('1');
    expect(await overdue.textContent()).toBe('逾期 1');
    // Overdue reads red.
    const colour = await overdue.evaluate(
      (el) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
        ).getComputedStyle(el).color,
    );
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(120);
    expect(b).toBeLessThan(120);
    const major = panel.locator('[data-testid=hh-major-supervised]');
    expect(await major.textContent()).toBe('重大隐患挂牌督办 1/2');
    // All of it is on the screen: inside the panel (nothing clipped) and inside the viewport.
    const outer = (await panel.boundingBox())!;
    expect(outer.y + outer.height).toBeLessThanOrEqual(1080);
    for (const part of [overdue, major, panel.locator('.hh-panel__stage[data-stage=supervised]')]) {
      const box = (await part.boundingBox())!;
      expect(box.height).toBeGreaterThan(0);
      expect(box.y).toBeGreaterThanOrEqual(outer.y);
      expect(box.y + box.height).toBeLessThanOrEqual(outer.y + outer.height);
      expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width);
    }
    // The same numbers as the ledger's statistics on the server.
    const stats = (await (
      await api(server, '/api/v1/hidden-hazards/stats', 'supervisor')
    ).json()) as LedgerStats;
    expect(stats.total.open).toBe(4);
    expect(stats.total.overdue).toBe(1);
  });

  it('marks the overdue hidden hazard on the map in red', async () => {
    const markers = await layerData(page, 'hidden-hazard-overdue');
    expect(markers).toEqual([{ id: `${AGENCY}:YH-3`, fill: [255, 32, 48] }]);
    await centreMap(page, OVERDUE_AT, 13);
    const at = await projectOnPage(page, OVERDUE_AT);
    const [r, g, b] = pixel(await screenshot(page, 'wall-hh-overdue'), at.x, at.y);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(110);
  });

  it('colours the enterprises on the map and counts them per colour per district', async () => {
    // Red by grade (一级); blue and yellow as registered; the agency's overdue 重大 item raises
    // each a step (never above red).
    const RED = [230, 0, 18];
    const ORANGE = [255, 122, 0];
    const YELLOW = [255, 214, 10];
    await expect
      .poll(
        async () =>
          (await layerData(page, 'enterprise-risk-colour'))?.sort((a, b) => (a.id < b.id ? -1 : 1)),
        {
          timeout: 60_000,
        },
      )
      .toEqual([
        { id: `${AGENCY}:hz-2`, fill: YELLOW },
        { id: `${AGENCY}:hz-3`, fill: ORANGE },
        { id: `${AGENCY}:tank-farm-1`, fill: RED },
      ]);
    const table = page.locator('[data-testid=risk-map]');
    const cell = (district: string, c: string) =>
      table
        .locator(`tr[data-district="${district}"] td[data-colour=${c}]`)
        .getAttribute('data-value');
    await expect.poll(() => cell('新北区', 'red'), { timeout: 30_000 }).toBe('1');
    expect(await cell('天宁区', 'yellow')).toBe('1');
    expect(await cell('武进区', 'orange')).toBe('1');
    for (const [c, n] of [
      ['red', '1'],
      ['orange', '1'],
      ['yellow', '1'],
      ['blue', '0'],
    ]) {
      expect(
        await page.locator(`[data-testid=risk-map-total-${c}]`).getAttribute('data-value'),
      ).toBe(n);
    }
  });
});
