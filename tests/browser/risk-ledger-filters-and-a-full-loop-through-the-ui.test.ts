import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { launchChromium } from '../helpers/browser';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { startTestServer } from '../helpers/product';

const SCREENSHOTS = path.resolve('docs/screenshots');

function selfCheck(id: string, sector: string, description: string, lng: number) {
  return {
    id,
    ts: new Date().toISOString(),
    enterprise: '常州滨江化工有限公司',
    sector,
    description,
    location: { type: 'Point', coordinates: [lng, 31.85] },
  };
}

describe('/risk at 1920×1080 as supervision staff', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    h = await startFeedHarness('risk-ui', BROKERS[0]!, 'ent-a');
    server = await startTestServer(h.iso, { CLIENT_DIST: path.resolve('client/dist') });
    await h.publish(
      'hiddenhazard',
      selfCheck('YH-1', 'hazardous_chemicals', '液氯储罐区探测器失效', 119.97),
    );
    await h.publish('hiddenhazard', selfCheck('YH-2', 'gas', '装卸区静电接地报警仪损坏', 119.98));
    await h.publish(
      'hiddenhazard',
      selfCheck('YH-3', 'special_equipment', '压力容器安全阀超期未检', 119.99),
    );
    const tip = await fetch(`${server.url}/api/v1/hidden-hazards/tip-offs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        enterprise: '某商场',
        sector: 'crowded_places',
        description: '安全出口被货物堵塞',
        location: [119.95, 31.77],
      }),
    });
    expect(tip.status).toBe(202);
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
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
  });

  const total = () => page.locator('[data-testid=risk-total]');
  const rows = () => page.locator('[data-testid=risk-ledger] tr');

  it('filters the ledger by sector, stage and enterprise', async () => {
    await expect.poll(() => total().textContent(), { timeout: 30_000 }).toBe('共 4 条');
    await page.selectOption('[data-testid=risk-filter-sector]', 'gas');
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(1);
    expect(await rows().first().textContent()).toContain('装卸区静电接地报警仪损坏');
    await page.selectOption('[data-testid=risk-filter-sector]', '');
    await page.fill('[data-testid=risk-filter-enterprise]', '商场');
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(1);
    expect(await rows().first().textContent()).toContain('安全出口被货物堵塞');
    await page.fill('[data-testid=risk-filter-enterprise]', '');
    await page.selectOption('[data-testid=risk-filter-stage]', 'filed');
    await expect.poll(() => total().textContent(), { timeout: 15_000 }).toBe('共 0 条');
    await page.selectOption('[data-testid=risk-filter-stage]', '');
    await expect.poll(() => total().textContent(), { timeout: 15_000 }).toBe('共 4 条');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'risk-ledger-1920x1080.png') });
  });

  it('takes an item from reported to closed with the buttons its stage allows', async () => {
    await page.locator('[data-testid=risk-ledger] tr[data-id="ent-a:YH-1"]').click();
    const detail = page.locator('[data-testid=risk-detail]');
    const stage = detail.locator('[data-testid=risk-detail-stage]');
    const buttons = async () =>
      (await detail.locator('[data-testid=risk-steps] button').allTextContents()).join('|');
    const step = async (action: string, expectStage: string) => {
      await detail.locator(`[data-testid=risk-step-${action}]`).click();
      await expect.poll(() => stage.textContent(), { timeout: 15_000 }).toBe(expectStage);
    };
    await expect.poll(() => stage.textContent(), { timeout: 15_000 }).toBe('已上报');
    expect(await buttons()).toBe('建档');
    await step('file', '已建档');
    expect(await buttons()).toBe('评估');
    await detail.locator('[data-testid=risk-grade]').selectOption('major');
    await step('assess', '已评估');
    await detail.locator('[data-testid=risk-plan]').fill('更换探测器并联锁');
    await detail.locator('[data-testid=risk-who]').fill('张厂长');
    await detail.locator('[data-testid=risk-days]').fill('10');
    await step('rectify', '整改中');
    await detail.locator('[data-testid=risk-note]').fill('已更换探测器');
    await step('submit_evidence', '待验收');
    expect(await buttons()).toBe('验收通过|验收不通过');
    await detail.locator('[data-testid=risk-note]').fill('未提供联锁测试记录');
    await step('verify_fail', '整改中');
    await detail.locator('[data-testid=risk-note]').fill('补充联锁测试记录');
    await step('submit_evidence', '待验收');
    await step('verify_pass', '已验收');
    // A 重大 item: supervision first, close-out only after.
    expect(await buttons()).toBe('挂牌督办');
    await detail.locator('[data-testid=risk-dept]').fill('市应急管理局');
    await detail.locator('[data-testid=risk-who]').fill('李科长');
    await step('supervise', '挂牌督办');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'risk-item-1920x1080.png') });
    await step('close', '已销号');
    await detail.locator('[data-testid=risk-no-steps]').waitFor();
    const timeline = await detail.locator('[data-testid=risk-timeline] li').allTextContents();
    expect(timeline).toHaveLength(10);
    expect(timeline[5]).toContain('验收不通过 → 整改中 · 未提供联锁测试记录');
    expect(timeline[9]).toContain('销号 → 已销号');
  });
});
