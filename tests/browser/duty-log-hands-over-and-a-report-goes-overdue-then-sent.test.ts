import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { reportId } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { launchChromium } from '../helpers/browser';
import { createIncidentCommand, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { startTestServer } from '../helpers/product';
import { DOCS_SCREENSHOTS, TEST_WALL_FILE } from '../helpers/wall-page';

/** The first report is due 20 s after the clock starts: the test sees it go overdue. */
const INGEST = { REPORT_FIRST_S: '20', REPORT_WRITTEN_S: '3600', REPORT_FOLLOWUP_S: '0' };
const NOTE = '接市政府总值班室通知：今晚加强值守';
const INCIDENT_TITLE = '新北区化工厂爆炸';
const FIRST = reportId('cc:blast', 'first');

describe('the duty officer at /duty', () => {
  let h: FeedHarness;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let wall: Page | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    h = await startFeedHarness('duty-page', BROKERS[0]!, 'ent-test', INGEST);
    server = await startTestServer(h.iso, {
      CLIENT_DIST: path.resolve('client/dist'),
      WALL_FILE: TEST_WALL_FILE,
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${server.url}/duty`);
    const form = page.locator('[data-testid=sign-in]');
    await form.waitFor({ timeout: 90_000 });
    await form.locator('input[name=username]').fill('commander-1');
    await form.locator('input[name=password]').fill('pw-commander-1');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 60_000 });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
  });

  it('keeps the log: a note and a call, timed and signed; a handover changes who is on duty', async () => {
    expect(await page.locator('[data-testid=duty]').getAttribute('data-can-write')).toBe('1');
    // Before any handover, the roster is the wall file's.
    const people = page.locator('[data-testid=duty-person]');
    await expect
      .poll(() => people.allTextContents())
      .toEqual(['带班领导测试领导0519-0000 0001', '值班员测试值班员']);

    const entryForm = page.locator('[data-testid=entry-form]');
    await entryForm.locator('textarea').fill(NOTE);
    await entryForm.locator('button[type=submit]').click();
    const entries = page.locator('[data-testid=duty-entry]');
    await expect.poll(() => entries.count()).toBe(1);
    expect(await entries.first().textContent()).toContain(NOTE);
    expect(await entries.first().textContent()).toContain('值班指挥员 记录');

    await entryForm.locator('input[value=call]').check();
    await entryForm.locator('input[aria-label="来电单位/人"]').fill('武进区应急局');
    await entryForm.locator('textarea').fill('报告湖塘镇某路段积水约 30 厘米');
    await entryForm.locator('button[type=submit]').click();
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.first().getAttribute('data-kind')).toBe('call');
    expect(await entries.first().textContent()).toContain('武进区应急局');

    const handover = page.locator('[data-testid=handover-form]');
    await handover.locator('input[aria-label="姓名"]').first().fill('王强');
    await handover.locator('textarea').fill('夜班交接，积水路段已通知交警');
    await handover.locator('button[type=submit]').click();
    await expect.poll(() => people.first().textContent()).toBe('带班领导王强0519-0000 0001');
    await expect.poll(() => entries.first().getAttribute('data-kind')).toBe('handover');
    expect(await entries.first().textContent()).toContain(
      '接班人员：带班领导 王强、值班员 测试值班员',
    );
  });

  it('drafts the first report of a level II incident, raises its deadline alarm on /duty and the wall, and clears it once sent', async () => {
    const create = createIncidentCommand('blast');
    const created = await postCommand(server, {
      ...create,
      incident: {
        ...create.incident,
        type: 'explosion',
        level: 'II',
        title: INCIDENT_TITLE,
        address: '新北区春江镇化工园区',
        casualties: { dead: 0, injured: 15, missing: 0, trapped: 2 },
      },
    });
    expect(created.status).toBe(200);

    const item = page.locator(`[data-testid=report-item][data-report-id="${FIRST}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('首报');
    expect(await item.textContent()).toContain(INCIDENT_TITLE);
    await item.click();
    const editor = page.locator(`[data-testid=report-editor][data-report-id="${FIRST}"]`);
    // Drafted from the incident's data.
    expect(await editor.locator('[data-field=title]').inputValue()).toBe(
      `关于${INCIDENT_TITLE}的首报`,
    );
    expect(await editor.locator('[data-field=place]').inputValue()).toContain(
      '新北区春江镇化工园区',
    );
    expect(await editor.locator('[data-field=type]').inputValue()).toContain('爆炸，Ⅱ级 重大');
    expect(await editor.locator('[data-field=casualties]').inputValue()).toBe(
      '死亡 0 人，受伤 15 人，失踪 0 人，被困 2 人',
    );

    // Past its 20 s, unsent: overdue on the list, and an alarm on /duty...
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 60_000 }).toBe('overdue');
    expect(await item.locator('[data-testid=report-clock]').textContent()).toMatch(
      /^已超时 \d+:\d\d$/,
    );
    const overdue = page.locator('[data-testid=duty-overdue-alarm]');
    await expect.poll(() => overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain(`信息报送超时：首报 · ${INCIDENT_TITLE}`);

    // ...and on the wall's alarm list, whose roster is the handover's.
    wall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await wall.goto(`${server.url}/?display=wall-1&key=key-wall-1`);
    await wall.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 90_000 });
    const wallAlarm = wall.locator('[data-testid=alarm-item][data-cause=report_overdue]');
    await expect.poll(() => wallAlarm.count(), { timeout: 30_000 }).toBe(1);
    expect(await wallAlarm.textContent()).toContain(`信息报送超时：首报 · ${INCIDENT_TITLE}`);
    await expect
      .poll(() => wall!.locator('[data-testid=roster-entry]').first().textContent())
      .toContain('王强');

    // Edited and saved twice: both versions kept.
    await editor.locator('[data-field=summary]').fill('现场明火已扑灭，正在排查泄漏。');
    await editor.locator('button[type=submit]').first().click();
    const versions = editor.locator('[data-testid=report-versions] li');
    await expect.poll(() => versions.count()).toBe(1);
    await editor.locator('[data-field=actions]').fill('已调派新北消防救援站 3 车 15 人到场处置。');
    await editor.locator('button[type=submit]').first().click();
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.first().textContent()).toContain('第 2 版');
    expect(await versions.first().textContent()).toContain('值班指挥员');
    // The shot shows the overdue alarm, the report list and the report as saved.
    // (The tests' types have no DOM library: the column is an HTMLElement in the page.)
    await page.locator('.duty__right').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'duty-report-1600x900.png') });

    // Printed: the report alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=duty-log]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=report-print]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=report-print]').textContent()).toContain(
      '现场明火已扑灭，正在排查泄漏。',
    );
    await page.emulateMedia({ media: 'screen' });

    // Marked sent, to whom: the alarm clears on /duty and on the wall.
    await editor.locator('input[aria-label="报送对象"]').fill('市政府总值班室');
    await editor.locator('[data-testid=report-send]').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('sent');
    expect(await editor.locator('[data-testid=report-print]').textContent()).toContain(
      '报送至 市政府总值班室（第 2 版，值班指挥员）',
    );
    await expect.poll(() => overdue.count()).toBe(0);
    await expect.poll(() => wallAlarm.count(), { timeout: 30_000 }).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
