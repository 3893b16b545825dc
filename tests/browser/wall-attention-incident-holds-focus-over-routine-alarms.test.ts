import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommandId, postCommand } from '../helpers/commands';
import { reading } from '../helpers/fixtures';
import { incidentMessage, startWall, type Wall } from '../helpers/wall-page';

describe('the wall’s attention policy (docs/wall.md)', () => {
  let wall: Wall;

  beforeAll(async () => {
    wall = await startWall('wall-attention', {
      server: { WALL_FILE: path.resolve('tests/fixtures/wall.attention.test.yaml') },
    });
    // Under load Chromium takes long to a drawn map (startWall waits up to 90 s for it).
  }, 180_000);
  afterAll(async () => {
    await wall?.stop();
  });

  it('a level II incident takes the map from an alarm, closes its detail and holds over a stream of alarms until acknowledged; then the city view', async () => {
    const { page, h } = wall;
    const overview = await wall.mapView();
    const banner = page.locator('[data-testid=focus-banner]');
    const detail = page.locator('[data-testid=hazard-detail]');
    const level = `${h.hazard.id}-lt1`;
    const gas = `${h.hazard.id}-gas1`;
    let t = Date.now();
    const next = () => (t = Math.max(t + 1_000, Date.now()));

    // A high-high alarm at a grade-1 hazard takes the map and opens its hazard's detail.
    await h.publish('sensor', reading(level, 97, next()));
    await expect
      .poll(
        async () =>
          `${await banner.getAttribute('data-kind', { timeout: 1_000 }).catch(() => null)} ${await detail.count()}`,
        { timeout: 20_000 },
      )
      .toBe('alarm 1');

    // A level II incident: the alarm gives way at once, its detail closes with it.
    await h.publish(
      'incident',
      incidentMessage('blast', {
        level: 'II',
        type: 'explosion',
        title: '化工园区爆炸',
        casualties: { dead: 0, injured: 15, missing: 0, trapped: 0 },
        location: { type: 'Point', coordinates: [119.9712, 32.0087] },
      }),
    );
    const incidentId = `${h.agency}:blast`;
    await expect.poll(() => detail.count(), { timeout: 20_000 }).toBe(0);
    await expect
      .poll(() => banner.getAttribute('data-entity-id'), { timeout: 20_000 })
      .toBe(incidentId);
    expect(await banner.getAttribute('data-reason')).toBe('new');

    // A stream of alarms (raised, cleared, raised again on both sensors): the incident keeps
    // the map, well past an alarm's 8 s, and no hazard detail opens.
    const kinds: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      const high = i % 2 === 0;
      await h.publish('sensor', reading(level, high ? 97 : 60, next()));
      await h.publish('sensor', reading(gas, high ? 3 : 0.1, next()));
      await new Promise((r) => setTimeout(r, 1_000));
      kinds.push(await banner.getAttribute('data-entity-id'));
      expect(await detail.count()).toBe(0);
    }
    expect(kinds.every((k) => k === incidentId)).toBe(true);
    // The routine alarms were seen by the wall all the same: in its event feed (which shows the
    // newest lines that fit under the map), not focused.
    expect(
      Number(await page.getAttribute('[data-testid=event-feed]', 'data-count')),
    ).toBeGreaterThan(6);
    expect(await page.locator('[data-testid=feed-line]').count()).toBeGreaterThanOrEqual(3);

    // Settle the sensors, then a commander acknowledges the incident on a tablet (已阅).
    await h.publish('sensor', reading(level, 60, next()));
    await h.publish('sensor', reading(gas, 0.1, next()));
    const seen = await postCommand(wall.server, {
      type: 'incident.acknowledge',
      commandId: newCommandId(),
      incidentId,
    });
    expect(seen.body).toMatchObject({ ok: true });
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    // The map returns to the whole city and stays there.
    await expect
      .poll(
        async () => {
          const v = await wall.mapView();
          return !v.moving && Math.abs(v.zoom - overview.zoom) < 0.5;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await banner.count()).toBe(0);
    expect(Math.abs((await wall.mapView()).zoom - overview.zoom)).toBeLessThan(0.5);
    expect(wall.errors).toEqual([]);
  });
});
