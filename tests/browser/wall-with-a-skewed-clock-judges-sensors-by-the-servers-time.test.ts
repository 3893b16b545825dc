import { afterAll, describe, expect, it } from 'vitest';
import { reading } from '../helpers/fixtures';
import { startWall, type Wall } from '../helpers/wall-page';

const HOUR = 3_600_000;

/** The page's clock, `skewMs` off the real one (a wall PC whose clock drifted). */
const skewClock = (skewMs: number) => `{
  const real = Date.now.bind(Date);
  Date.now = () => real() + ${skewMs};
}`;

describe.each([
  { name: 'an hour ahead', skewMs: HOUR },
  { name: 'an hour behind', skewMs: -HOUR },
])('a wall whose clock is $name', ({ skewMs }) => {
  let wall: Wall | undefined;
  afterAll(async () => {
    await wall?.stop();
  });

  it('shows sensors that report as online, and silent ones as offline, as ingest does', async () => {
    wall = await startWall(`wall-skew-${skewMs > 0 ? 'ahead' : 'behind'}`, {
      initScript: skewClock(skewMs),
    });
    const { page, h } = wall;
    const offline = page.locator('[data-testid=offline-count]');
    // The hazard's two sensors report (every 5 s expected), below their thresholds: healthy.
    const report = () =>
      Promise.all(
        h.hazard.sensors.map((s) =>
          h.publish('sensor', reading(s.id, s.thresholds.high / 2, Date.now())),
        ),
      );
    await report();
    await expect.poll(() => offline.getAttribute('data-value'), { timeout: 10_000 }).toBe('0');
    // Still healthy over several ticks of the page's clock.
    for (let i = 0; i < 3; i++) {
      await page.waitForTimeout(2_000);
      await report();
      expect(await offline.getAttribute('data-value')).toBe('0');
    }
    // Silent past three intervals (15 s) by the server's clock: offline.
    await expect.poll(() => offline.getAttribute('data-value'), { timeout: 30_000 }).toBe('1');
  });
});
