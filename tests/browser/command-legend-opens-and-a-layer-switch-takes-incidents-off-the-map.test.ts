import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommand, type CommandPage } from '../helpers/command-page';
import { incidentMessage } from '../helpers/wall-page';

/** The incident symbols and labels the tablet's map draws now (read from its overlay). */
const DRAWN_INCIDENTS = `(() => {
  const d = window.__cc.drawn();
  return {
    symbols: d.symbols.filter((s) => s.id.startsWith('incident:')).map((s) => s.id),
    labels: d.labels.filter((l) => l.id.startsWith('incident:')).map((l) => l.text),
  };
})()`;

describe("the tablet's map legend", () => {
  let c: CommandPage;

  beforeAll(async () => {
    c = await startCommand('cmd-legend');
    await c.signIn('viewer-1');
  }, 240_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('opens from its button, explains the glyphs, and switching incidents off takes them off the map', async () => {
    const { page, h } = c;
    await h.publish('incident', incidentMessage('lg-1', { level: 'II', title: '图例测试事件' }));
    const id = `incident:${h.agency}:lg-1`;
    const drawn = async () =>
      (await page.evaluate(DRAWN_INCIDENTS)) as { symbols: string[]; labels: string[] };
    await expect.poll(async () => (await drawn()).symbols, { timeout: 60_000 }).toContain(id);
    // No zoom buttons hidden from the tablet: it keeps them.
    expect(await page.locator('.maplibregl-ctrl-zoom-in').count()).toBe(1);

    await page.locator('[data-testid=legend-button]').click();
    const legend = page.locator('[data-testid=legend]');
    await legend.waitFor();
    const text = (await legend.textContent()) ?? '';
    for (const words of ['爆', '爆炸', '化', '消', '消防车', '专', '储', '预警区', '风险区'])
      expect(text).toContain(words);

    const incidents = legend.locator('[data-testid=legend-toggle][data-layer=incidents]');
    expect(await incidents.isChecked()).toBe(true);
    await incidents.click();
    expect(await incidents.isChecked()).toBe(false);
    await expect.poll(drawn, { timeout: 30_000 }).toEqual({ symbols: [], labels: [] });
    // The others stay: the districts' names are still drawn.
    const others = (await page.evaluate('window.__cc.drawn().labels.length')) as number;
    expect(others).toBeGreaterThan(0);

    await incidents.click();
    await expect.poll(async () => (await drawn()).symbols, { timeout: 30_000 }).toContain(id);
    expect(c.errors).toEqual([]);
  }, 180_000);
});
