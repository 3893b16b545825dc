import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisasterReport, DisasterTotal } from '@cc/shared';
import { smallTouchTargets, startCommand, type CommandPage } from '../helpers/command-page';
import { newCommandId, postCommand } from '../helpers/commands';
import { api, tokenFor } from '../helpers/product';
import { screenshot } from '../helpers/browser';
import { DOCS_SCREENSHOTS } from '../helpers/wall-page';

/** In 武进区, the district of reporter-a's town (湖塘镇). */
const IN_WUJIN: [number, number] = [119.95, 31.7];

const FIGURES = {
  affected: 1200,
  dead: 0,
  missing: 1,
  injured: 3,
  relocated: 300,
  housesCollapsed: 2,
  housesDamaged: 15,
  cropHa: 86.5,
  lossWanYuan: 420,
};

/** A small photo with something to see: a sky-to-water gradient, as a PNG. */
function scenePhoto(): Buffer {
  const png = new PNG({ width: 160, height: 120 });
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 160; x++) {
      const i = (160 * y + x) * 4;
      const water = y > 60;
      png.data[i] = water ? 90 + (x % 40) : 150;
      png.data[i + 1] = water ? 80 : 190;
      png.data[i + 2] = water ? 50 : 230 - y;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

interface Totals {
  districts: DisasterTotal[];
  towns: DisasterTotal[];
  pending: number;
}

describe('the tablet at 1024×768, with disaster officers’ reports arriving', () => {
  let c: CommandPage;
  const photosDir = mkdtempSync(path.join(tmpdir(), 'cc-command-disaster-photos-'));

  beforeAll(async () => {
    c = await startCommand('cmd-disaster', { serverEnv: { PHOTOS_DIR: photosDir } });
    await c.signIn('commander-1');
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
    rmSync(photosDir, { recursive: true, force: true });
  });

  /** POSTs as an officer, through the REST API the phone uses. */
  async function asOfficer(p: string, body: unknown, contentType = 'application/json') {
    const res = await fetch(`${c.server.url}${p}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(c.server, 'reporter-a')}`,
        'content-type': contentType,
      },
      body: body instanceof Buffer ? body : JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as { id: string };
  }
  async function report(hazard: string, minutesAgo: number, extra: Record<string, unknown> = {}) {
    const id = randomUUID();
    await asOfficer('/api/v1/disaster-reports', {
      id,
      hazard,
      occurredAt: Date.now() - minutesAgo * 60_000,
      location: IN_WUJIN,
      locationSource: 'gps',
      figures: FIGURES,
      ...extra,
    });
    return id;
  }
  const totals = async () =>
    (await (await api(c.server, '/api/v1/disaster-reports/totals')).json()) as Totals;
  const stored = async (id: string) =>
    (await (await api(c.server, `/api/v1/disaster-reports/${id}`)).json()) as DisasterReport;

  it('the commander corrects a figure and verifies a report, the totals follow; another is rejected with a reason; a refusal is shown; a viewer only reads', async () => {
    const { page } = c;
    const photo = await asOfficer('/api/v1/disaster-reports/photos', scenePhoto(), 'image/png');
    const flood = await report('flood', 90, {
      description: '暴雨致村道积水、农田受淹',
      photos: [{ id: photo.id }],
    });
    const hail = await report('wind_hail', 30);

    // The header counts the pending reports; the panel lists them newest first.
    const open = page.locator('[data-testid=open-disasters]');
    await expect.poll(() => open.getAttribute('data-count'), { timeout: 30_000 }).toBe('2');
    await open.click();
    const panel = page.locator('[data-testid=disaster-panel]');
    await panel.waitFor();
    const cards = panel.locator('[data-testid=disaster-card]');
    const order = await Promise.all(
      (await cards.all()).map((card) => card.getAttribute('data-report-id')),
    );
    expect(order).toEqual([hail, flood]);
    const floodCard = panel.locator(`[data-report-id="${flood}"]`);
    const floodText = (await floodCard.textContent()) ?? '';
    for (const words of [
      '洪涝',
      '湖塘镇',
      '湖塘镇灾害信息员',
      '受灾人口',
      '直接经济损失',
      '暴雨致村道积水',
    ]) {
      expect(floodText).toContain(words);
    }
    const figure = (name: string) =>
      floodCard.locator(`[data-figure=${name}]`).getAttribute('data-value');
    expect(await figure('affected')).toBe('1200');
    expect(await figure('cropHa')).toBe('86.5');
    expect(await floodCard.locator(`[data-figure=affected] dd`).textContent()).toBe('1,200');
    // The officer's photo, as a thumbnail drawn from the server's file.
    const thumb = floodCard.locator('img[data-testid=disaster-photo]');
    await thumb.waitFor();
    await expect
      .poll(() =>
        thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(160);
    expect(await smallTouchTargets(page)).toEqual([]);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'command-disaster-verify.png') });

    // Nothing verified yet: no totals.
    expect((await totals()).districts).toEqual([]);
    expect((await totals()).pending).toBe(2);

    // 核实 with one figure corrected: the dialog shows what the officer reported.
    await floodCard.locator('[data-testid=disaster-verify]').click();
    const dialog = page.locator('[data-testid=disaster-dialog]');
    await dialog.waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    const affected = dialog.locator('[data-testid=correct-affected]');
    expect(await affected.inputValue()).toBe('1200');
    await affected.fill('1500');
    expect(await dialog.locator('.disaster-form__was').textContent()).toContain('1200');
    await dialog.locator('[data-testid=disaster-text]').fill('乡镇复核：实际受灾 1500 人');
    await screenshot(page, 'command-disaster-verify-dialog');
    await dialog.locator('[data-testid=disaster-submit]').click();
    // The dialog closes once the server confirmed; the report leaves the pending list.
    await dialog.waitFor({ state: 'detached' });
    await floodCard.waitFor({ state: 'detached' });
    expect(await open.getAttribute('data-count')).toBe('1');
    const t1 = await totals();
    expect(t1.districts).toEqual([
      expect.objectContaining({ code: '320412', name: '武进区', reports: 1 }),
    ]);
    expect(t1.districts[0]!.figures).toMatchObject({ ...FIGURES, affected: 1500 });
    expect(t1.towns[0]!.figures.affected).toBe(1500);
    expect(await stored(flood)).toMatchObject({
      status: 'verified',
      figures: { affected: 1500, lossWanYuan: 420 },
      reported: { affected: 1200 },
      verifiedBy: '值班指挥员',
    });

    // 退回: a reason is required before anything is sent.
    const hailCard = panel.locator(`[data-report-id="${hail}"]`);
    await hailCard.locator('[data-testid=disaster-reject]').click();
    await dialog.waitFor();
    await dialog.locator('[data-testid=disaster-submit]').click();
    expect(await dialog.locator('[data-testid=disaster-problem]').textContent()).toBe(
      '请填写退回原因',
    );
    expect((await stored(hail)).status).toBe('pending');
    await dialog.locator('[data-testid=disaster-text]').fill('位置不在本镇，请核实后重报');
    await dialog.locator('[data-testid=disaster-submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await hailCard.waitFor({ state: 'detached' });
    expect(await panel.locator('[data-testid=disaster-empty]').textContent()).toBe(
      '没有待核的报灾',
    );
    expect(await open.getAttribute('data-count')).toBe('0');
    expect(await stored(hail)).toMatchObject({
      status: 'rejected',
      rejectReason: '位置不在本镇，请核实后重报',
    });
    // A rejected report counts nowhere.
    expect((await totals()).districts[0]!.reports).toBe(1);

    // A refusal reaches the commander in the tablet's language: while the dialog is open a
    // colleague merges the report into the verified one, so it can no longer be rejected.
    const dup = await report('flood', 10);
    const dupCard = panel.locator(`[data-report-id="${dup}"]`);
    await dupCard.locator('[data-testid=disaster-reject]').click();
    await dialog.waitFor();
    await dialog.locator('[data-testid=disaster-text]').fill('重复报送');
    const merged = await postCommand(
      c.server,
      { type: 'disaster.merge', commandId: newCommandId(), reportId: dup, into: flood },
      'supervisor',
    );
    expect(merged.status).toBe(200);
    await dupCard.waitFor({ state: 'detached' });
    await dialog.locator('[data-testid=disaster-submit]').click();
    const refused = dialog.locator('[data-testid=command-refused]');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('服务器拒绝：情况已变化，指令无法执行');
    expect((await stored(dup)).status).toBe('merged');
    await dialog.locator('[data-testid=dialog-close]').click();

    // A viewer sees the pending list and no action.
    await page.locator('[data-testid=sign-out]').click();
    await c.signIn('viewer-1');
    const quake = await report('earthquake', 5);
    await expect.poll(() => open.getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    if ((await panel.count()) === 0) await open.click();
    const quakeCard = panel.locator(`[data-report-id="${quake}"]`);
    await quakeCard.waitFor();
    expect(await quakeCard.textContent()).toContain('地震');
    expect(await page.locator('[data-testid=tablet]').getAttribute('data-can-verify')).toBe('0');
    expect(await quakeCard.locator('button').count()).toBe(0);
    expect(c.errors).toEqual([]);
  }, 300_000);
});
