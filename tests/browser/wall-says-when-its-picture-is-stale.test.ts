import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentMessage, startWall, type Wall } from '../helpers/wall-page';

/** The test wall file's bound: no message for 3 s marks the wall stale. */
const STALE_AFTER_MS = 3_000;

describe('the wall, when its server goes away', () => {
  let wall: Wall;

  beforeAll(async () => {
    wall = await startWall('wall-stale');
  });
  afterAll(async () => {
    await wall?.stop();
  });

  it('shows the stale banner within the bound, then clears it and catches up without a reload', async () => {
    const { page, h } = wall;
    const banner = page.locator('[data-testid=stale-banner]');
    // Quiet but current: heartbeats keep a wall with nothing new from looking stale.
    await page.waitForTimeout(STALE_AFTER_MS + 1_500);
    expect(await banner.count()).toBe(0);
    expect(await page.getAttribute('[data-testid=wall]', 'data-stale')).toBe('');
    // A mark that a reload would wipe.
    await page.evaluate(() => {
      (globalThis as unknown as { __notReloaded: boolean }).__notReloaded = true;
    });

    const stoppedAt = Date.now();
    await wall.stopServer();
    await banner.waitFor({ timeout: STALE_AFTER_MS + 2_000 });
    expect(Date.now() - stoppedAt).toBeLessThan(STALE_AFTER_MS + 2_000);
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/最后更新 \d\d:\d\d:\d\d/);
    // Every panel is marked too.
    expect(await page.getAttribute('[data-testid=wall]', 'class')).toContain('wall--stale');

    // What happens while the server is away arrives after it is back.
    await h.publish(
      'incident',
      incidentMessage('while-away', { level: 'III', title: '断线期间的事件' }),
    );
    await wall.startServerAgain();
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid=feed-line]', { hasText: '断线期间的事件' }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { __notReloaded?: boolean }).__notReloaded,
      ),
    ).toBe(true);
    expect(await page.getAttribute('[data-testid=wall]', 'class')).not.toContain('wall--stale');
  });
});
