import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PNG } from 'pngjs';
import { centreMap, pixel, projectOnPage, screenshot } from '../helpers/browser';
import { startCommand, type CommandPage, type TestAgency } from '../helpers/command-page';
import { incidentMessage } from '../helpers/wall-page';

const INCIDENT_AT: [number, number] = [119.932, 31.951];
/** Degrees of longitude per km at the incident's latitude. */
const LON_PER_KM = 1 / (111.32 * Math.cos((INCIDENT_AT[1] * Math.PI) / 180));
/** A point `km` west of the incident. */
const west = (km: number): [number, number] => [INCIDENT_AT[0] - km * LON_PER_KM, INCIDENT_AT[1]];
const START = west(5);
const PHONE = '0519-8555 0119';

/** Colours (client/src/command/use-followed-units.ts): the trail, and the way ahead. */
const TRAIL: [number, number, number] = [255, 92, 168];
const AHEAD: [number, number, number] = [255, 176, 32];

/** Pixels of about `colour` within `r` px of each of the page points. */
function near(png: PNG, points: { x: number; y: number }[], colour: number[], r = 4) {
  let n = 0;
  for (const at of points)
    for (let dx = -r; dx <= r; dx++)
      for (let dy = -r; dy <= r; dy++) {
        const c = pixel(png, Math.round(at.x) + dx, Math.round(at.y) + dy);
        if (c.every((v, i) => Math.abs(v - colour[i]!) < 50)) n++;
      }
  return n;
}

/** `n` points evenly between two positions, ends left out. */
function between(a: [number, number], b: [number, number], n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => {
    const t = (i + 1) / (n + 1);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  });
}

describe('the tablet following a unit dispatched to the open incident', () => {
  let c: CommandPage;
  let fire: TestAgency;
  let unitId = '';

  beforeAll(async () => {
    c = await startCommand('cmd-follow');
    fire = await c.agency('fire-test');
    unitId = await fire.unit('FW-FE-01', {
      type: 'fire_engine',
      name: '罗溪消防站 1 号车',
      location: START,
      phone: PHONE,
    });
    await c.h.publish(
      'incident',
      incidentMessage('follow-1', {
        level: 'III',
        title: '春江路厂房火灾',
        location: { type: 'Point', coordinates: INCIDENT_AT },
      }),
    );
    await c.signIn('commander-1');
  }, 300_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('draws its trail as it moves and the way ahead, counts its ETA down, and says on scene when it is there', async () => {
    const { page, h } = c;
    const incidentId = `${h.agency}:follow-1`;
    // Generous: a tap on a loaded shared machine waits for a page drawing its map in software.
    await page
      .locator(`[data-testid=incident-row][data-incident-id="${incidentId}"]`)
      .click({ timeout: 90_000 });
    const detail = page.locator('[data-testid=incident-detail]');
    await detail.waitFor();
    await detail.locator('[data-testid=tab-support]').click({ timeout: 90_000 });
    const candidate = page.locator(`[data-testid=candidate][data-resource-id="${unitId}"]`);
    await candidate.waitFor({ timeout: 60_000 });
    fire.answerOrders();
    await candidate.click();
    await page.locator('[data-testid=dispatch]').click();
    await page.locator('[data-testid=dispatch-confirm]').click();
    await page.locator('[data-testid=dispatch-dialog]').waitFor({ state: 'detached' });

    const row = page.locator(`[data-testid=unit-row][data-resource-id="${unitId}"]`);
    await expect
      .poll(() => row.getAttribute('data-resource-status'), { timeout: 60_000 })
      .toBe('en_route');
    // The unit's phone is one tap away.
    expect(await row.locator('[data-testid=phone]').getAttribute('href')).toBe('tel:051985550119');

    const map = page.locator('[data-testid=tablet-map]');
    const arrival = row.locator('[data-testid=unit-arrival]');
    /** The minutes the page says, read from its text ("预计 N 分钟后到达"). */
    const etaShown = async () => {
      const text = (await arrival.textContent({ timeout: 30_000 })) ?? '';
      const m = /预计 (\d+) 分钟后到达/.exec(text);
      return m ? Number(m[1]) : NaN;
    };
    // Followed from where it set off: a trail of one point, a dashed straight line ahead.
    await expect
      .poll(() => map.getAttribute('data-followed'), { timeout: 60_000 })
      .toBe(`${unitId}:1:straight`);
    await expect.poll(etaShown, { timeout: 60_000 }).toBeGreaterThan(3);
    let eta = await etaShown();
    expect(await arrival.textContent()).toContain('估');

    // It drives east toward the incident, reporting its position.
    const fixes = [west(3.75), west(2.5), west(1.25)];
    for (const [i, at] of fixes.entries()) {
      await fire.publish('resource', {
        id: 'FW-FE-01',
        ts: new Date().toISOString(),
        location: { type: 'Point', coordinates: at },
      });
      await expect
        .poll(() => map.getAttribute('data-followed'), { timeout: 30_000 })
        .toBe(`${unitId}:${i + 2}:straight`);
      await expect.poll(etaShown, { timeout: 30_000 }).toBeLessThan(eta);
      eta = await etaShown();
    }
    expect(eta).toBeLessThanOrEqual(3);

    // The trail is drawn where it came by; the way ahead between it and the incident.
    await centreMap(page, west(2.5), 12);
    const trailPoints = await Promise.all(
      between(START, fixes[2]!, 5).map((p) => projectOnPage(page, p)),
    );
    const aheadPoints = await Promise.all(
      between(fixes[2]!, INCIDENT_AT, 5).map((p) => projectOnPage(page, p)),
    );
    await expect
      .poll(async () => near(await screenshot(page, 'command-unit-trail'), trailPoints, TRAIL), {
        timeout: 30_000,
      })
      .toBeGreaterThan(10);
    expect(near(await screenshot(page, 'command-unit-trail'), aheadPoints, AHEAD)).toBeGreaterThan(
      3,
    );

    // There: its agency reports it on scene; the trail stays, nothing ahead.
    await fire.publish('resource', {
      id: 'FW-FE-01',
      ts: new Date().toISOString(),
      type: 'fire_engine',
      name: '罗溪消防站 1 号车',
      status: 'on_scene',
      phone: PHONE,
      location: { type: 'Point', coordinates: INCIDENT_AT },
    });
    await expect.poll(() => arrival.textContent(), { timeout: 30_000 }).toBe('已到场');
    await expect
      .poll(() => map.getAttribute('data-followed'), { timeout: 30_000 })
      .toBe(`${unitId}:5:`);
    expect(c.errors).toEqual([]);
  }, 300_000);
});
