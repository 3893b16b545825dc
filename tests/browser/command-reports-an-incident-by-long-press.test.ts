import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../helpers/browser';
import {
  pointOf,
  smallTouchTargets,
  startCommand,
  type CommandPage,
} from '../helpers/command-page';

const AT: [number, number] = [119.96, 31.79];
const TITLE = '天宁区某小区燃气泄漏';

/** The incidents a page's store holds (`window.__cc`), with what the test compares. */
function storedIncidents(page: Page) {
  return page.evaluate(() => {
    const { store } = (
      globalThis as unknown as {
        __cc: {
          store: {
            getState(): {
              incidents: ReadonlyMap<
                string,
                { id: string; title: string; level: string; status: string; location: number[] }
              >;
            };
          };
        };
      }
    ).__cc;
    return [...store.getState().incidents.values()];
  });
}

describe('the tablet, reporting an incident', () => {
  let c: CommandPage;
  let wall: Page;

  // A tablet and a wall drawing maps in software: on a loaded shared machine, minutes.
  beforeAll(async () => {
    c = await startCommand('cmd-create');
    [, wall] = await Promise.all([c.signIn('commander-1'), c.openWall()]);
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('creates it by a long press on the map, edits it, moves its status; the wall shows it', async () => {
    const { page } = c;
    const at = await pointOf(page, AT);
    // A short press is a tap, not a report.
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.waitForTimeout(150);
    await page.mouse.up();
    await page.waitForTimeout(800);
    expect(await page.locator('[data-testid=incident-form]').count()).toBe(0);

    await page.mouse.down();
    await page.waitForTimeout(900);
    await page.mouse.up();
    const form = page.locator('[data-testid=incident-form]');
    await form.waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    // Where, in words: the district and the nearest named place, not raw coordinates alone.
    expect(await form.locator('[data-testid=form-location]').textContent()).toMatch(/^天宁区/);
    // No type is chosen for the commander: nothing is sent until one is, and the form says why.
    expect(await form.locator('[data-testid=form-type]').inputValue()).toBe('');
    await form.locator('[data-testid=form-submit]').click();
    await form.locator('[data-testid=form-type-required]').waitFor();
    expect(await form.locator('.tablet-error').count()).toBe(1);
    await form.locator('[data-testid=form-type]').selectOption('hazmat_leak');
    // Without a title nothing is sent either.
    await form.locator('[data-testid=form-submit]').click();
    await expect.poll(() => form.locator('.tablet-error').textContent()).toContain('标题');

    await form.locator('[data-testid=form-level]').selectOption('II');
    await form.locator('[data-testid=form-title]').fill(TITLE);
    await form.locator('[data-testid=form-injured]').fill('3');
    await form.locator('[data-testid=form-trapped]').fill('1');
    await form.locator('[data-testid=form-submit]').click();
    await form.waitFor({ state: 'detached' });

    // The tablet opens the new incident once the server has confirmed it.
    const detail = page.locator('[data-testid=incident-detail]');
    await expect
      .poll(() => detail.locator('[data-testid=incident-title]').textContent())
      .toBe(TITLE);
    const id = (await detail.getAttribute('data-incident-id'))!;
    expect(id).toMatch(/^cc:T/);
    expect(await detail.locator('[data-kind=injured]').getAttribute('data-value')).toBe('3');
    // The source is the commander who reported it, by name.
    expect(await detail.locator('[data-testid=incident-source]').textContent()).toMatch(
      /^值班指挥员 · /,
    );
    const created = (await storedIncidents(page)).find((i) => i.id === id)!;
    expect(Math.abs(created.location[0]! - AT[0])).toBeLessThan(0.001);
    expect(Math.abs(created.location[1]! - AT[1])).toBeLessThan(0.001);

    // The wall beside it has it: in its store and as a line in its event feed.
    await expect
      .poll(async () => (await storedIncidents(wall)).find((i) => i.id === id)?.title)
      .toBe(TITLE);
    await expect
      .poll(() => wall.locator('[data-testid=feed-line]', { hasText: TITLE }).count())
      .toBeGreaterThan(0);

    // Edit: one more injured.
    await detail.locator('[data-testid=edit-incident]').click();
    await form.waitFor();
    expect(await form.locator('[data-testid=form-title]').inputValue()).toBe(TITLE);
    await form.locator('[data-testid=form-injured]').fill('4');
    await form.locator('[data-testid=form-submit]').click();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(() => detail.locator('[data-kind=injured]').getAttribute('data-value'))
      .toBe('4');

    // Through its statuses.
    for (const status of ['verified', 'responding']) {
      await detail.locator(`[data-testid=status-step][data-status=${status}]`).click();
      await expect.poll(() => detail.getAttribute('data-status')).toBe(status);
    }
    await expect
      .poll(async () => (await storedIncidents(wall)).find((i) => i.id === id)?.status)
      .toBe('responding');

    // The timeline has every step, newest first.
    await detail.locator('[data-testid=tab-timeline]').click();
    const lines = detail.locator('[data-testid=timeline-line]');
    await expect.poll(() => lines.count()).toBe(4);
    const texts = await lines.allTextContents();
    expect(texts[0]).toContain('处置中');
    expect(texts[1]).toContain('已核实');
    expect(texts[2]).toContain('受伤 4');
    expect(texts[3]).toContain(TITLE);
    await screenshot(page, 'command-created');
    expect(c.errors).toEqual([]);
  });
});
