import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centreMap } from '../helpers/browser';
import { startCommand, type CommandPage, type TestAgency } from '../helpers/command-page';
import { incidentMessage } from '../helpers/wall-page';

/** What the test reads from the tablet's store (`window.__cc`). */
interface Hooks {
  __cc: {
    store: {
      getState(): {
        connection: { state: string; since: number };
        positions: ReadonlyMap<string, { ts: number }>;
      };
    };
  };
  __loadedOnce?: boolean;
}

function connection(page: Page) {
  return page.evaluate(() => (globalThis as unknown as Hooks).__cc.store.getState().connection);
}

function positionTs(page: Page, id: string) {
  return page.evaluate(
    (rid) => (globalThis as unknown as Hooks).__cc.store.getState().positions.get(rid)?.ts ?? null,
    id,
  );
}

describe('the tablet on a weak link', () => {
  let c: CommandPage;
  let fire: TestAgency;

  beforeAll(async () => {
    c = await startCommand('cmd-link');
    fire = await c.agency('fire-test');
    await fire.unit('IN-1', {
      type: 'fire_engine',
      name: '视野内 1 号车',
      location: [119.95, 31.78],
    });
    await fire.unit('OUT-1', {
      type: 'fire_engine',
      name: '视野外 1 号车',
      location: [119.5, 31.4],
    });
    await c.h.publish(
      'incident',
      incidentMessage('w-1', { location: { type: 'Point', coordinates: [119.95, 31.78] } }),
    );
    await c.signIn('commander-1');
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('keeps a command pending while the link is down, applies it and everything missed once back, without a reload', async () => {
    const { page, h } = c;
    const incidentId = `${h.agency}:w-1`;
    await page.evaluate(() => {
      (globalThis as unknown as Hooks).__loadedOnce = true;
    });
    await page.locator(`[data-testid=incident-row][data-incident-id="${incidentId}"]`).click();
    const detail = page.locator('[data-testid=incident-detail]');
    await detail.waitFor();

    await c.stopServer();
    await page.locator('[data-testid=connection][data-state=offline]').waitFor();
    await page.locator('[data-testid=link-banner][data-reason=offline]').waitFor();
    // A command given now waits: pending, and the incident does not look verified.
    const verified = detail.locator('[data-testid=status-step][data-status=verified]');
    await verified.click();
    expect(await verified.getAttribute('data-pending')).toBe('1');
    // Waiting for the link, said as such, with no resend to invite a second send.
    const toast = page.locator('[data-testid=command-toast]').first();
    expect(await toast.getAttribute('data-state')).toBe('waiting');
    expect(await toast.textContent()).toContain('待确认 — 将自动发送');
    expect(await toast.locator('[data-testid=retry]').count()).toBe(0);
    // Meanwhile the picture moves on: a casualty update and a new incident.
    await h.publish(
      'incident',
      incidentMessage('w-1', {
        location: { type: 'Point', coordinates: [119.95, 31.78] },
        casualties: { dead: 0, injured: 5, missing: 0, trapped: 0 },
      }),
    );
    await h.publish('incident', incidentMessage('w-2', { title: '断线期间的新事件' }));
    await page.waitForTimeout(500);
    expect(await detail.getAttribute('data-status')).toBe('reported');
    expect(await verified.getAttribute('data-pending')).toBe('1');

    await c.startServerAgain();
    await page.locator('[data-testid=connection][data-state=live]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=link-banner]').count()).toBe(0);
    // The command went out on the new connection and was confirmed; what was missed arrived.
    await expect
      .poll(() => detail.getAttribute('data-status'), { timeout: 15_000 })
      .toBe('verified');
    await expect
      .poll(() =>
        page
          .locator('[data-testid=command-toast][data-type="incident.status"]')
          .getAttribute('data-state'),
      )
      .toBe('confirmed');
    await expect
      .poll(() => detail.locator('[data-kind=injured]').getAttribute('data-value'))
      .toBe('5');
    await detail.locator('[data-testid=tab-timeline]').click();
    const lines = detail.locator('[data-testid=timeline-line]');
    await expect.poll(() => lines.count()).toBe(3);
    expect(await lines.nth(0).textContent()).toContain('已核实');
    expect(await lines.nth(1).textContent()).toContain('受伤 5');
    await detail.locator('[data-testid=back]').click();
    await expect
      .poll(() =>
        page.locator(`[data-testid=incident-row][data-incident-id="${h.agency}:w-2"]`).count(),
      )
      .toBe(1);
    // Same page all along.
    expect(await page.evaluate(() => (globalThis as unknown as Hooks).__loadedOnce)).toBe(true);
    expect(c.errors).toEqual([]);
  });

  it('asks for telemetry from the visible area only', async () => {
    const { page } = c;
    const before = await connection(page);
    // Zoomed in well past the incident's view (zoom 12): the tablet narrows its subscription,
    // a reconnect that resumes from its last event.
    await centreMap(page, [119.95, 31.78], 14.5);
    await expect
      .poll(
        async () => {
          const now = await connection(page);
          return now.state === 'live' && now.since > before.since;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const sentAt = Date.now();
    const position = (id: string, at: [number, number]) =>
      fire.publish('resource', {
        id,
        ts: new Date().toISOString(),
        location: { type: 'Point', coordinates: at },
        speed: 40,
      });
    await expect
      .poll(
        async () => {
          await position('IN-1', [119.951, 31.781]);
          await position('OUT-1', [119.501, 31.401]);
          return ((await positionTs(page, 'fire-test:IN-1')) ?? 0) >= sentAt;
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(true);
    // The unit far outside the view sent as often, and none of its positions came.
    await page.waitForTimeout(1_000);
    expect(((await positionTs(page, 'fire-test:OUT-1')) ?? 0) < sentAt).toBe(true);
    expect(c.errors).toEqual([]);
  });
});
