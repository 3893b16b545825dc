import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { hazardMessage, reading } from '../helpers/fixtures';
import { startCommand, type CommandPage } from '../helpers/command-page';
import { incidentMessage } from '../helpers/wall-page';

const INCIDENT_AT: [number, number] = [119.932, 31.951];

/** A hazard with one level sensor that reports hourly (no offline alarm during the test). */
function quietHazard(id: string, name: string, at: [number, number]) {
  const base = hazardMessage(id);
  return {
    ...base,
    name,
    location: { type: 'Point', coordinates: at },
    sensors: [{ ...base.sensors[0]!, interval: 3600 }],
  };
}

/** The few DOM members read here, typed without the DOM library. */
interface PageElement {
  tagName: string;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number };
}

/** The alarm cards' ids, top to bottom, and where each is on the page. */
async function cards(page: Page) {
  return page.locator('[data-testid=alarm-card]').evaluateAll((els) =>
    (els as unknown as PageElement[]).map((el) => ({
      id: el.getAttribute('data-alarm-id') ?? '',
      top: Math.round(el.getBoundingClientRect().top),
    })),
  );
}

describe('the tablet, handling an alarm while more arrive, and calling from decision support', () => {
  let c: CommandPage;

  beforeAll(async () => {
    c = await startCommand('cmd-hold');
    const { h } = c;
    for (const [id, name, dx] of [
      ['hold-1', '一号储罐区', 0.01],
      ['hold-2', '二号储罐区', 0.02],
      ['hold-3', '三号储罐区', 0.03],
    ] as const)
      await h.publish('hazard', quietHazard(id, name, [119.8 + dx, 31.7]));
    const edu = await c.agency('edu-test');
    await edu.publish('place', {
      id: 'SCH-1',
      ts: new Date().toISOString(),
      type: 'school',
      name: '春江中心小学',
      people: 1_260,
      contact: '王校长',
      phone: '0519-8888 1234 转 8001',
      location: { type: 'Point', coordinates: [119.936, 31.953] },
    });
    const fire = await c.agency('fire-test');
    await fire.publish('resource', {
      id: 'DEPOT-1',
      ts: new Date().toISOString(),
      type: 'material_depot',
      name: '新北区应急物资储备库',
      status: 'available',
      phone: '+86 519 8555 0000',
      location: { type: 'Point', coordinates: [119.91, 31.93] },
      inventory: [{ item: '泡沫灭火剂', quantity: 20, unit: '吨' }],
    });
    await h.publish(
      'incident',
      incidentMessage('tel-1', {
        level: 'III',
        title: '春江化工园区仓库火灾',
        location: { type: 'Point', coordinates: INCIDENT_AT },
      }),
    );
    await c.signIn('commander-1');
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('keeps the alarm under the finger in its place while a newer alarm arrives, and re-sorts once the finger lifts', async () => {
    const { page, h } = c;
    const t0 = Date.now();
    await h.publish('sensor', reading('hold-1-lt1', 97, t0 - 3_000));
    await h.publish('sensor', reading('hold-2-lt1', 97, t0 - 2_000));
    const alarmsButton = page.locator('[data-testid=open-alarms]');
    await expect.poll(() => alarmsButton.getAttribute('data-count'), { timeout: 60_000 }).toBe('2');
    await alarmsButton.click({ timeout: 90_000 });
    const list = page.locator('[data-testid=alarm-cards]');
    await expect.poll(() => list.getAttribute('data-count'), { timeout: 30_000 }).toBe('2');
    const before = await cards(page);
    const [newest, older] = before;
    // Newest first: hold-2's alarm above hold-1's.
    expect(await page.locator('[data-testid=alarm-card]').nth(0).textContent()).toContain(
      '二号储罐区',
    );

    // A finger comes down on the older alarm (the second card), on its reading (not a button),
    // and stays.
    const box = (await page
      .locator(`[data-alarm-id="${older!.id}"] .alarm-card__line`)
      .first()
      .boundingBox())!;
    const cdp: CDPSession = await page.context().newCDPSession(page);
    const finger = { x: box.x + box.width / 2, y: box.y + box.height / 2, id: 1 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [finger] });
    await expect.poll(() => list.getAttribute('data-held')).toBe('1');

    // A newer alarm arrives: it would sort on top, pushing the card down.
    await h.publish('sensor', reading('hold-3-lt1', 97, Date.now() - 500));
    await expect.poll(() => list.getAttribute('data-count'), { timeout: 30_000 }).toBe('3');
    const held = await cards(page);
    expect(held.map((x) => x.id).slice(0, 2)).toEqual([newest!.id, older!.id]);
    // The card under the finger has not moved.
    expect(held[1]!.top).toBe(older!.top);
    expect(await page.locator('[data-testid=alarm-card]').nth(2).textContent()).toContain(
      '三号储罐区',
    );

    // The finger lifts: after a moment the list takes its fresh order, newest first.
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => list.getAttribute('data-held'), { timeout: 10_000 }).toBe('0');
    // Still the alarm list (the finger only held it).
    expect(await page.locator('[data-testid=alarm-panel]').count()).toBe(1);
    const after = await cards(page);
    expect(after.map((x) => x.id).slice(1)).toEqual([newest!.id, older!.id]);
    expect(await page.locator('[data-testid=alarm-card]').nth(0).textContent()).toContain(
      '三号储罐区',
    );
    await cdp.detach();
    expect(c.errors).toEqual([]);
  }, 300_000);

  it('shows the phone numbers in decision support as tel: links', async () => {
    const { page, h } = c;
    // The alarms button toggles back to the incident list.
    await page.locator('[data-testid=open-alarms]').click({ timeout: 90_000 });
    await page
      .locator(`[data-testid=incident-row][data-incident-id="${h.agency}:tel-1"]`)
      .click({ timeout: 90_000 });
    const detail = page.locator('[data-testid=incident-detail]');
    await detail.waitFor();
    await detail.locator('[data-testid=tab-support]').click({ timeout: 90_000 });
    const place = page.locator('[data-testid=support-place][data-place-id]');
    await place.first().waitFor({ timeout: 60_000 });
    const placePhone = place.first().locator('[data-testid=phone]');
    expect(await placePhone.textContent()).toBe('0519-8888 1234 转 8001');
    expect(await placePhone.getAttribute('href')).toBe('tel:051988881234;ext=8001');
    const depotPhone = page.locator('[data-testid=support-depot] [data-testid=phone]');
    expect(await depotPhone.textContent()).toBe('+86 519 8555 0000');
    expect(await depotPhone.getAttribute('href')).toBe('tel:+8651985550000');
    // Every phone number the panel shows is a link that dials it.
    const hrefs = await page
      .locator('[data-testid=support] [data-testid=phone]')
      .evaluateAll((els) =>
        (els as unknown as PageElement[]).map((el) => `${el.tagName}|${el.getAttribute('href')}`),
      );
    expect(hrefs.length).toBe(2);
    for (const h of hrefs) expect(h).toMatch(/^A\|tel:\+?\d+(;ext=\d+)?$/);
    expect(c.errors).toEqual([]);
  }, 300_000);
});
