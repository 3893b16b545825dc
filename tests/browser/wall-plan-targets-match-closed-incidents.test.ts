import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planProgress } from '@cc/shared';
import { loadWallConfig } from '@cc/shared/node';
import { closedIncidentsFixture } from '../fixtures/closed-incidents';
import { startWall, TEST_WALL_FILE, type Wall } from '../helpers/wall-page';

describe('the plan-target panel', () => {
  let wall: Wall;

  beforeAll(async () => {
    wall = await startWall('wall-plan');
  });
  afterAll(async () => {
    await wall?.stop();
  });

  it('shows this year’s accidents, deaths and major accidents from closed incidents', async () => {
    const { page, h } = wall;
    const now = Date.now();
    const { messages, expected } = closedIncidentsFixture(now);
    for (const message of messages) await h.publish('incident', message);

    const cell = (id: string) => page.locator(`[data-testid=${id}]`).textContent();
    await expect
      .poll(() => cell('plan-accidents-ytd'), { timeout: 10_000 })
      .toBe(String(expected.accidents));
    expect(await cell('plan-deaths-ytd')).toBe(String(expected.deaths));
    expect(await page.getAttribute('[data-testid=plan-major]', 'data-value')).toBe(
      String(expected.majorAccidents),
    );
    // Last year's same period comes from the configured months.
    const plan = loadWallConfig(TEST_WALL_FILE).plan!;
    const p = planProgress([], plan, now);
    expect(await cell('plan-accidents-last-year')).toBe(String(p.accidents.lastYearSamePeriod));
    expect(await cell('plan-deaths-last-year')).toBe(String(p.deaths.lastYearSamePeriod));
    // A major accident this year misses the "none" target, in words as well as colour.
    expect(await cell('plan-major')).toContain('超标');
  });
});
