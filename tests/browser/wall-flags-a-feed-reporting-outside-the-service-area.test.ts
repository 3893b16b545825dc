import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_EXAMPLE } from '../helpers/kind-fixtures';
import { startWall, type Wall } from '../helpers/wall-page';

/**
 * An agency whose unit reports from Beijing: stored, but the wall's feed strip says the feed
 * sends positions outside the service area, in the wall's language, until ten minutes pass.
 */
describe('the wall’s feed strip', () => {
  let wall: Wall;

  beforeAll(async () => {
    wall = await startWall('wall-outside');
  });
  afterAll(async () => {
    await wall?.stop();
  });

  it('says a feed reports outside the service area', async () => {
    const { page, h } = wall;
    const chip = page.locator(`[data-testid=feed-chip][data-agency=${h.agency}]`);
    await chip.waitFor({ timeout: 30_000 });
    expect(await chip.getAttribute('data-outside')).toBe('0');
    await h.publish('resource', {
      ...RESOURCE_EXAMPLE,
      ts: new Date().toISOString(),
      location: { type: 'Point', coordinates: [116.397, 39.909] },
    });
    // The wall asks for feed health every 10 s.
    await expect.poll(() => chip.getAttribute('data-outside'), { timeout: 30_000 }).toBe('1');
    expect(await chip.textContent()).toContain('有位置在服务区域外');
    await page
      .locator('[data-testid=feed-strip]')
      .screenshot({ path: path.join('test-results', 'wall-feed-outside.png') });
  });
});
