import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { launchChromium } from '../helpers/browser';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { reading } from '../helpers/fixtures';
import { api, startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const SCREENSHOTS = path.resolve('docs/screenshots');
const ENTERPRISE = '常州测试化工有限公司';
const LT = 'tank-farm-1-lt1';

function selfCheck(id: string, description: string) {
  return {
    id,
    ts: new Date().toISOString(),
    enterprise: ENTERPRISE,
    sector: 'hazardous_chemicals',
    description,
    location: { type: 'Point', coordinates: [119.931, 31.951] },
  };
}

/**
 * 一企一档 on /risk at 1920×1080: the harness's enterprise (ent-a) has one major hazard source,
 * 液氯储罐区, registered 一级 with 120 t of liquid chlorine and registered four-colour level 黄;
 * nobody is counted within 500 m, so α = 0.5 and R = 0.5 × 4 × 120 / 5 = 48 → 三级 live. A
 * high-high level reading raises its colour 黄 → 橙 with the alarm as the reason.
 */
describe('the enterprise profile (一企一档) on /risk', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    h = await startFeedHarness('risk-profile', BROKERS[0]!, 'ent-a', { RISK_ASSESSMENT: 'on' });
    server = await startTestServer(h.iso, { CLIENT_DIST: path.resolve('client/dist') });
    await h.publish('hazard', {
      ...h.hazard,
      ts: new Date().toISOString(),
      riskLevel: 'yellow',
    });
    await h.publish('hiddenhazard', selfCheck('YH-1', '液氯储罐区可燃气体探测器失效'));
    await h.publish('hiddenhazard', selfCheck('YH-2', '装卸区静电接地报警仪损坏'));
    await h.publish('sensor', reading(LT, 97, Date.now()));
    let stored: string | undefined;
    await waitFor(
      async () => {
        const json = await h.redis.hGet(h.keys.state('hazard'), `ent-a:${h.hazard.id}`);
        stored = json ?? undefined;
        return json && JSON.parse(json).riskColour?.colour === 'orange';
      },
      'the hazard raised to orange by its high-high alarm',
      30_000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; stored: ${stored}`);
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    await page.goto(`${server.url}/risk`);
    const form = page.locator('[data-testid=sign-in]');
    await form.waitFor({ timeout: 60_000 });
    await form.locator('input[name=username]').fill('supervisor-1');
    await form.locator('input[name=password]').fill('pw-supervisor-1');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached', timeout: 30_000 });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
  });

  async function expectProfile() {
    const profile = page.locator('[data-testid=risk-profile][data-agency=ent-a]');
    // Generous: a page load on a loaded 2-core machine has taken tens of seconds.
    await profile.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => profile.locator('[data-testid=risk-profile-name]').textContent(), {
        timeout: 30_000,
      })
      .toBe(ENTERPRISE);
    // The hazard: registered grade, live R and grade, the formula's terms, colour and why.
    const hazard = profile.locator(
      `[data-testid=risk-profile-hazard][data-hazard="ent-a:${h.hazard.id}"]`,
    );
    await expect.poll(() => hazard.getAttribute('data-colour'), { timeout: 30_000 }).toBe('orange');
    expect(await hazard.locator('h4').textContent()).toContain('液氯储罐区');
    expect(await hazard.locator('[data-testid=risk-registered-grade]').textContent()).toBe('一级');
    const live = hazard.locator('[data-testid=risk-live]');
    expect(await live.getAttribute('data-grade')).toBe('3');
    expect(Number(await live.getAttribute('data-r'))).toBeCloseTo(48, 6);
    expect(await live.textContent()).toContain('R 48 → 三级');
    expect(await live.textContent()).toContain('α 0.5');
    const term = hazard.locator('[data-testid=risk-terms] tr[data-substance]');
    expect(await term.count()).toBe(1);
    const cells = await term.locator('td').allTextContents();
    // The tables name liquid chlorine 氯 (GB 18218-2018 表1).
    expect(cells[0]).toContain('氯');
    expect(cells.slice(1)).toEqual(['120', '5', '4', '96']);
    const colour = hazard.locator('[data-testid=risk-colour]');
    expect(await colour.getAttribute('data-colour')).toBe('orange');
    expect(await colour.textContent()).toBe('黄 → 橙：二级报警（液位 97%）');
    // The enterprise's own colour is its worst hazard's.
    expect(
      await profile.locator('[data-testid=risk-profile-summary]').getAttribute('data-colour'),
    ).toBe('orange');
    // Open hidden hazards.
    const items = profile.locator('[data-testid=risk-profile-items] tr');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(2);
    const text = (await items.allTextContents()).join('\n');
    expect(text).toContain('液氯储罐区可燃气体探测器失效');
    expect(text).toContain('装卸区静电接地报警仪损坏');
    expect(await items.first().getAttribute('data-stage')).toBe('reported');
    expect(await profile.locator('[data-testid=risk-profile-summary]').textContent()).toContain(
      '在办隐患 2 条（逾期 0 条）',
    );
    // Recent alarms: the high-high level alarm, active.
    const alarm = profile.locator('[data-testid=risk-profile-alarms] tr').first();
    await alarm.waitFor({ timeout: 30_000 });
    expect(await alarm.getAttribute('data-status')).toBe('active');
    expect(await alarm.getAttribute('data-level')).toBe('HH');
    expect(await alarm.textContent()).toContain('高高报');
    expect(await alarm.textContent()).toContain('97%');
    expect(await alarm.textContent()).toContain('报警中');
  }

  it('opens from the ledger by clicking the enterprise and shows grades, colour and why, items and alarms', async () => {
    const link = page.locator(
      '[data-testid=risk-ledger] tr[data-id="ent-a:YH-1"] [data-testid=risk-ledger-enterprise]',
    );
    await link.waitFor({ timeout: 30_000 });
    expect(await link.textContent()).toBe(ENTERPRISE);
    await link.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/risk/enterprise/ent-a');
    await expectProfile();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'risk-enterprise-profile.png') });
    // Back to the ledger, and a click on an open item from the profile selects it there.
    await page.locator('[data-testid=risk-profile-back]').click();
    await page.locator('[data-testid=risk-ledger]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/risk');
  });

  it('opens by its address after a reload', async () => {
    await page.goto(`${server.url}/risk/enterprise/ent-a`);
    await expectProfile();
    await page.locator('[data-testid=risk-profile-items] tr[data-id="ent-a:YH-2"]').click();
    const detail = page.locator('[data-testid=risk-detail]');
    await detail.waitFor({ timeout: 30_000 });
    expect(await detail.locator('h2').textContent()).toBe('装卸区静电接地报警仪损坏');
  });

  it('gives an enterprise account its own file and refuses it another one', async () => {
    const own = await api(server, '/api/v1/enterprises/ent-a', 'agency-a');
    expect(own.status).toBe(200);
    const body = (await own.json()) as { enterprise: string; openHiddenHazards: unknown[] };
    expect(body.enterprise).toBe(ENTERPRISE);
    expect(body.openHiddenHazards).toHaveLength(2);
    const other = await api(server, '/api/v1/enterprises/ent-a', 'agency-b');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { code: string }).code).toBe('auth.forbidden');
    const unknown = await api(server, '/api/v1/enterprises/ent-nobody', 'viewer');
    expect(unknown.status).toBe(404);
    const bad = await api(server, '/api/v1/enterprises/a%20b', 'viewer');
    expect(bad.status).toBe(400);
  });
});
