import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { reading } from '../helpers/fixtures';
import { startCommand, type CommandPage, type TestAgency } from '../helpers/command-page';
import { DOCS_SCREENSHOTS, incidentMessage } from '../helpers/wall-page';

const INCIDENT_AT: [number, number] = [119.932, 31.951];
const engine = (name: string, location: [number, number]) => ({
  type: 'fire_engine',
  name,
  location,
});

/** The hazards' live states in the tablet's store (`window.__cc`). */
function hazardState(page: Page, id: string) {
  return page.evaluate((hid) => {
    const { store } = (
      globalThis as unknown as {
        __cc: { store: { getState(): { hazardStates: ReadonlyMap<string, string> } } };
      }
    ).__cc;
    return store.getState().hazardStates.get(hid);
  }, id);
}

describe('the tablet, dispatching while another commander takes a unit', () => {
  let c: CommandPage;
  let fire: TestAgency;
  const ids: Record<string, string> = {};
  let incidentId = '';
  let otherTitle = '';

  /** Another commander's dispatch, appended to the commands stream as the server would. */
  async function otherCommanderTakes(resourceId: string) {
    const { h } = c;
    await h.redis.xAdd(h.keys.commands, '*', {
      e: JSON.stringify({
        command: {
          type: 'dispatch',
          commandId: randomUUID(),
          incidentId: `${h.agency}:other-1`,
          resourceIds: [resourceId],
        },
        identity: { sub: 'commander-2', role: 'commander' },
        at: Date.now(),
      }),
    });
  }

  beforeAll(async () => {
    c = await startCommand('cmd-race');
    fire = await c.agency('fire-test');
    // Nearest first: A, B, C, D, E, F (decision support suggests five per type).
    const at = (dx: number): [number, number] => [INCIDENT_AT[0] + dx, INCIDENT_AT[1] + 0.004];
    for (const [key, n, dx] of [
      ['a', 1, 0.004],
      ['b', 2, 0.008],
      ['c', 3, 0.012],
      ['d', 4, 0.016],
      ['e', 5, 0.02],
      ['f', 6, 0.03],
    ] as const)
      ids[key] = await fire.unit(`RC-FE-0${n}`, engine(`天宁消防站 ${n} 号车`, at(dx)));
    incidentId = `${c.h.agency}:race-1`;
    otherTitle = '青洋路加油站火情';
    await c.h.publish(
      'incident',
      incidentMessage('race-1', {
        level: 'III',
        title: '龙虎塘仓库火灾',
        location: { type: 'Point', coordinates: INCIDENT_AT },
      }),
    );
    await c.h.publish(
      'incident',
      incidentMessage('other-1', {
        level: 'III',
        title: otherTitle,
        location: { type: 'Point', coordinates: [119.98, 31.8] },
      }),
    );
    await c.signIn('commander-1');
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
  });

  async function openSupport() {
    const { page } = c;
    const detail = page.locator('[data-testid=incident-detail]');
    // Generous: on a loaded shared machine, a tap waits for a page drawing its map in software.
    if ((await detail.count()) === 0)
      await page
        .locator(`[data-testid=incident-row][data-incident-id="${incidentId}"]`)
        .click({ timeout: 90_000 });
    await detail.waitFor();
    await detail.locator('[data-testid=tab-support]').click({ timeout: 90_000 });
    const candidate = (id: string) =>
      page.locator(`[data-testid=candidate][data-resource-id="${id}"]`);
    return { detail, candidate };
  }

  it('the confirmation re-checks each unit live: one taken meanwhile is named with where it went, the next-best one swaps in, and the rest go', async () => {
    const { page } = c;
    const { candidate } = await openSupport();
    await candidate(ids.a!).waitFor();
    await candidate(ids.a!).click();
    await candidate(ids.b!).click();
    await page.locator('[data-testid=dispatch]').click();
    const dialog = page.locator('[data-testid=dispatch-dialog]');
    await dialog.waitFor();
    const row = (id: string) =>
      dialog.locator(`[data-testid=dispatch-list] li[data-resource-id="${id}"]`);
    expect(await row(ids.a!).getAttribute('data-available')).toBe('1');

    // While the confirmation is open, another commander sends A elsewhere.
    await otherCommanderTakes(ids.a!);
    await expect.poll(() => row(ids.a!).getAttribute('data-available')).toBe('0');
    await expect
      .poll(() => row(ids.a!).locator('[data-testid=unit-refusal]').textContent())
      .toBe(`未派出：已被调往“${otherTitle}”（已调派）`);
    expect(await dialog.locator('[data-testid=dispatch-confirm]').textContent()).toBe(
      '确认调派 1 个单位',
    );
    // The next-best free engine not already chosen is C; swap it in.
    const swap = row(ids.a!).locator('[data-testid=alternative]');
    expect(await swap.getAttribute('data-resource-id')).toBe(ids.c);
    expect(await swap.textContent()).toContain('换成 天宁消防站 3 号车');
    await swap.click();
    await row(ids.c!).waitFor();
    expect(await row(ids.c!).getAttribute('data-available')).toBe('1');
    expect(await dialog.locator('[data-testid=dispatch-confirm]').textContent()).toBe(
      '确认调派 2 个单位',
    );
    await dialog.locator('[data-testid=dispatch-confirm]').click();
    await dialog.waitFor({ state: 'detached' });

    const unit = (id: string) => page.locator(`[data-testid=unit-row][data-resource-id="${id}"]`);
    for (const id of [ids.b!, ids.c!])
      await expect.poll(() => unit(id).getAttribute('data-order-status')).toBe('sent');
    expect(await unit(ids.a!).count()).toBe(0);
    expect(c.errors).toEqual([]);
  }, 300_000);

  it('offline, the hazards keep their last state and a command waits to go out; back online, the server sends the free unit and names the one taken meanwhile, with the next-best to send instead', async () => {
    const { page, h } = c;
    // The tank farm reports every 5 s: silent past 15 s it would be offline.
    await h.publish('sensor', reading('tank-farm-1-lt1', 62, Date.now() - 500));
    const hazardId = `${h.agency}:tank-farm-1`;
    const { detail, candidate } = await openSupport();
    const hazardCard = page.locator(`[data-testid=support-hazard][data-hazard-id="${hazardId}"]`);
    await expect.poll(() => hazardCard.getAttribute('data-state')).toBe('normal');
    // The list refreshed after the first dispatch: A, B and C are out.
    await expect.poll(() => candidate(ids.a!).count()).toBe(0);
    await candidate(ids.d!).click();
    await candidate(ids.e!).click();
    await page.locator('[data-testid=dispatch]').click();
    const dialog = page.locator('[data-testid=dispatch-dialog]');
    await dialog.waitFor();

    await c.stopServer();
    await page.locator('[data-testid=connection][data-state=offline]').waitFor();
    const banner = page.locator('[data-testid=link-banner][data-reason=offline]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('本机网络中断');
    expect(await banner.locator('[data-testid=link-picture-time]').textContent()).toMatch(
      /^显示的是 \d{2}:\d{2}:\d{2} 的态势/,
    );
    // Given now, the dispatch waits for the link; meanwhile D is taken by another commander.
    await dialog.locator('[data-testid=dispatch-confirm]').click();
    await otherCommanderTakes(ids.d!);
    const toast = page.locator('[data-testid=command-toast][data-type=dispatch]').first();
    await expect.poll(() => toast.getAttribute('data-state')).toBe('waiting');
    expect(await toast.textContent()).toContain('待确认 — 将自动发送');
    expect(await toast.locator('[data-testid=retry]').count()).toBe(0);

    // Past the sensors' 15 s bound and the command's 15 s acknowledgement wait: the picture is
    // the one of the last update, and the command still waits (no resend offered offline).
    await page.waitForTimeout(20_000);
    expect(await hazardState(page, hazardId)).toBe('normal');
    expect(await toast.getAttribute('data-state')).toBe('waiting');
    expect(await toast.locator('[data-testid=retry]').count()).toBe(0);
    await detail.locator('[data-testid=tab-support]').click();
    expect(await hazardCard.getAttribute('data-state')).toBe('normal');
    expect(await hazardCard.textContent()).not.toContain('离线');
    await detail.locator('[data-testid=tab-units]').click();

    await c.startServerAgain();
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 30_000 });
    // The tank farm reports again (it did all along; the test's sensor speaks once per phase).
    await h.publish('sensor', reading('tank-farm-1-lt1', 63, Date.now() - 500));
    const unit = (id: string) => page.locator(`[data-testid=unit-row][data-resource-id="${id}"]`);
    await expect
      .poll(() => unit(ids.e!).getAttribute('data-order-status'), { timeout: 30_000 })
      .toBe('sent');
    await expect.poll(() => unit(ids.d!).getAttribute('data-command-state')).toBe('refused');
    // E is on its way: its ETA counts down in the units tab (a straight-line estimate: 估).
    await expect
      .poll(() => unit(ids.e!).locator('[data-testid=unit-arrival]').textContent())
      .toMatch(/^预计 \d+ 分钟后到达估$/);
    const refusal = unit(ids.d!).locator('[data-testid=unit-refusal]');
    expect(await refusal.getAttribute('data-code')).toBe('dispatch.unit_busy');
    expect(await refusal.textContent()).toBe(`未派出：已被调往“${otherTitle}”（已调派）`);
    // No raw server words, no internal ids.
    expect(await unit(ids.d!).textContent()).not.toMatch(/not available|fire-test:|RC-FE/);
    await expect.poll(() => toast.getAttribute('data-partial')).toBe('1');
    expect(await toast.textContent()).toContain('调派 2 个单位：1 个已派出，1 个未派出部分派出');
    // The next-best free engine is offered: A, B, C and D are out, E was just sent: F.
    const alternative = unit(ids.d!).locator('[data-testid=alternative]');
    await expect.poll(() => alternative.getAttribute('data-resource-id')).toBe(ids.f);
    expect(await alternative.textContent()).toContain('改派 天宁消防站 6 号车');
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'command-dispatch-race.png') });
    // Tapping it asks for the confirmation of that unit.
    await alternative.click();
    const dialog2 = page.locator('[data-testid=dispatch-dialog]');
    await dialog2.waitFor();
    expect(
      await dialog2.locator('[data-testid=dispatch-list] li').getAttribute('data-resource-id'),
    ).toBe(ids.f);
    await dialog2.locator('[data-testid=dialog-close]').click();
    expect(fire.received.map((n) => n.resourceId).filter((r) => r === 'RC-FE-04')).toEqual([
      'RC-FE-04',
    ]);
    expect(c.errors).toEqual([]);
  }, 300_000);
});
