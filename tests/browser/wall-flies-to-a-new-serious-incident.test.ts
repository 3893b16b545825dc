import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommandId, postCommand } from '../helpers/commands';
import { incidentMessage, startWall, type Wall } from '../helpers/wall-page';

describe('the wall, when a serious incident arrives', () => {
  let wall: Wall;

  beforeAll(async () => {
    wall = await startWall('wall-focus');
    // Under load Chromium takes long to a drawn map (startWall waits up to 90 s for it).
  }, 180_000);
  afterAll(async () => {
    await wall?.stop();
  });

  it('flies to a level II incident published over MQTT, shows its banner, then the next, then returns', async () => {
    const { page, h } = wall;
    const acknowledge = async (incidentId: string) => {
      const seen = await postCommand(wall.server, {
        type: 'incident.acknowledge',
        commandId: newCommandId(),
        incidentId,
      });
      expect(seen.body).toMatchObject({ ok: true });
    };
    const before = await wall.mapView();
    // A lesser incident first: no focus.
    await h.publish('incident', incidentMessage('minor-1', { level: 'IV' }));
    await expect.poll(() => page.locator('[data-testid=feed-line]').count()).toBeGreaterThan(0);

    const first = [119.9712, 32.0087] as const;
    const second = [119.88, 31.72] as const;
    await h.publish(
      'incident',
      incidentMessage('major-1', {
        level: 'II',
        type: 'explosion',
        title: '化工园区储罐爆炸',
        casualties: { dead: 1, injured: 4, missing: 0, trapped: 2 },
        location: { type: 'Point', coordinates: first },
      }),
    );
    await h.publish(
      'incident',
      incidentMessage('major-2', {
        level: 'I',
        type: 'hazmat_leak',
        title: '液氯槽车泄漏',
        location: { type: 'Point', coordinates: second },
      }),
    );

    const banner = page.locator('[data-testid=focus-banner]');
    await expect
      .poll(() => banner.getAttribute('data-entity-id'), { timeout: 30_000 })
      .toBe(`${h.agency}:major-1`);
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('化工园区储罐爆炸');
    expect(text).toContain('Ⅱ级 重大');
    expect(text).toContain('死亡 1');
    // The second waits its turn, and the banner says so.
    expect(text).toContain('另有 1 条待显示');
    await expect
      .poll(
        async () => {
          const v = await wall.mapView();
          return (
            !v.moving && Math.abs(v.lng - first[0]) < 1e-3 && Math.abs(v.lat - first[1]) < 1e-3
          );
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect((await wall.mapView()).zoom).toBeGreaterThanOrEqual(13);
    // The new incident's line stands out in the feed.
    const critical = page.locator('[data-testid=feed-line][data-severity=critical]');
    expect(await critical.filter({ hasText: '化工园区储罐爆炸' }).count()).toBe(1);
    expect(await critical.filter({ hasText: '测试事件 minor-1' }).count()).toBe(0);

    // Held until a commander acknowledges it on a tablet (docs/wall.md); then the next one.
    await acknowledge(`${h.agency}:major-1`);
    await expect
      .poll(() => banner.getAttribute('data-entity-id'), { timeout: 40_000 })
      .toBe(`${h.agency}:major-2`);
    await expect
      .poll(
        async () => {
          const v = await wall.mapView();
          return (
            !v.moving && Math.abs(v.lng - second[0]) < 1e-3 && Math.abs(v.lat - second[1]) < 1e-3
          );
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    // Then back to the overview.
    await acknowledge(`${h.agency}:major-2`);
    await expect.poll(() => banner.count(), { timeout: 40_000 }).toBe(0);
    await expect
      .poll(
        async () => {
          const v = await wall.mapView();
          return !v.moving && Math.abs(v.zoom - before.zoom) < 0.5;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(wall.errors).toEqual([]);
  });
});
