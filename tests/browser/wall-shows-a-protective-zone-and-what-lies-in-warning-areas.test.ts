import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_SCREENSHOTS, incidentMessage, startWall, type Wall } from '../helpers/wall-page';

/*
 * The harness's hazard `tank-farm-1` holds liquid chlorine at [119.93, 31.95]. A met station
 * 3 km east reports wind from the north-east; a school lies 2 km south-west; a leak at the tank
 * farm; an orange rainstorm warning over the site.
 */
const SITE: [number, number] = [119.93, 31.95];
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

interface Drawn {
  labels: { id: string; text: string }[];
}

describe('the wall with a chlorine leak under a rainstorm warning', () => {
  let wall: Wall;
  beforeAll(async () => {
    wall = await startWall('wall-zone');
  });
  afterAll(async () => {
    await wall?.stop();
  });

  it('draws the zone labelled with chemical, distances and the wind, and lists the site in the warning area', async () => {
    const { page, h } = wall;
    const now = Date.now();
    await h.publish('place', {
      id: 'school-sw',
      ts: new Date(now - 60_000).toISOString(),
      type: 'school',
      name: '西南实验小学',
      people: 1500,
      location: point(SITE[0] - 0.015, SITE[1] - 0.013),
    });
    await h.publish('weather', {
      id: 'met-east',
      ts: new Date(now - 5_000).toISOString(),
      type: 'met',
      name: '新北气象站',
      location: point(SITE[0] + 0.032, SITE[1]),
      wind: { speed: 5.1, direction: 45 },
    });
    await h.publish('warning', {
      id: 'RAIN-W',
      ts: new Date(now).toISOString(),
      msgType: 'alert',
      event: '暴雨',
      signal: 'orange',
      severity: 'severe',
      urgency: 'expected',
      certainty: 'likely',
      headline: '常州市气象台发布暴雨橙色预警信号',
      expires: new Date(now + 3_600_000).toISOString(),
      areas: [{ description: '新北区西部', circle: { center: SITE, radiusKm: 4 } }],
    });
    await h.publish(
      'incident',
      incidentMessage('LEAK-W', {
        type: 'hazmat_leak',
        level: 'III',
        status: 'responding',
        title: '液氯储罐阀门泄漏',
        location: point(SITE[0], SITE[1]),
      }),
    );

    // 在预警区内: the hazard source, in the warning's orange.
    const item = page.locator('[data-testid=watch-item][data-kind=hazard]');
    // Generous: on a loaded machine the wall took over 30 s to show the flag.
    await item.first().waitFor({ state: 'attached', timeout: 90_000 });
    expect(await item.first().getAttribute('data-signal')).toBe('orange');
    expect(await page.locator('[data-testid=watch-panel]').textContent()).toContain('在预警区内');

    await page.evaluate(
      `window.__cc.map.jumpTo({ center: [${SITE[0] - 0.01}, ${SITE[1] - 0.012}], zoom: 12.3 })`,
    );
    const label = async () =>
      ((await page.evaluate('window.__cc.drawn()')) as Drawn).labels.find((l) =>
        l.id.startsWith('zone:'),
      )?.text;
    await expect.poll(label, { timeout: 30_000 }).toBeTruthy();
    const text = (await label())!;
    expect(text).toContain('液氯 UN1017');
    expect(text).toContain('隔离 600 米');
    expect(text).toMatch(/下风向 (3\.5|8) 公里/);
    expect(text).toContain('东北风 5.1 米/秒（新北气象站）');
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'wall-protective-zone.png') });
  });
});
