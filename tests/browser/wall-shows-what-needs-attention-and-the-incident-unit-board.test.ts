import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommandId, postCommand } from '../helpers/commands';
import { DOCS_SCREENSHOTS, incidentMessage, startWall, type Wall } from '../helpers/wall-page';

function unit(id: string, name: string, status: string, type = 'fire_engine') {
  return {
    id,
    ts: new Date().toISOString(),
    type,
    name,
    status,
    location: { type: 'Point', coordinates: [119.94, 31.8] },
  };
}

describe('the wall’s attention panel and incident ↔ unit board', () => {
  let wall: Wall;

  beforeAll(async () => {
    wall = await startWall('wall-board');
    // Under load Chromium takes long to a drawn map (startWall waits up to 90 s for it).
  }, 180_000);
  afterAll(async () => {
    await wall?.stop();
  });

  it('lists the serious incident and the unanswered orders first, and follows the units of each level III+ incident to the scene', async () => {
    const { page, h } = wall;
    const id = (local: string) => `${h.agency}:${local}`;
    await h.publish('resource', unit('FE-1', '红梅中队 水罐车', 'available'));
    await h.publish('resource', unit('AMB-1', '市一院 救护车', 'available', 'ambulance'));
    await h.publish('incident', incidentMessage('fire-3', { level: 'III', title: '仓库火灾' }));
    await h.publish(
      'incident',
      incidentMessage('blast-2', { level: 'II', type: 'explosion', title: '化工园区爆炸' }),
    );
    const board = page.locator('[data-testid=board]');
    await expect.poll(() => board.getAttribute('data-count'), { timeout: 30_000 }).toBe('2');
    // Gravest first.
    const rows = board.locator('[data-testid=board-row]');
    expect(await rows.nth(0).getAttribute('data-incident-id')).toBe(id('blast-2'));
    expect(await rows.nth(0).textContent()).toContain('尚未调派力量');

    const dispatched = await postCommand(wall.server, {
      type: 'dispatch',
      commandId: newCommandId(),
      incidentId: id('fire-3'),
      resourceIds: [id('FE-1'), id('AMB-1')],
    });
    expect(dispatched.body).toMatchObject({ ok: true });
    const fire = board.locator(`[data-testid=board-row][data-incident-id="${id('fire-3')}"]`);
    const fe = fire.locator(`[data-testid=board-unit][data-resource-id="${id('FE-1')}"]`);
    await expect.poll(() => fe.getAttribute('data-state'), { timeout: 30_000 }).toBe('ordered');
    expect(await fire.locator('[data-testid=board-unit]').count()).toBe(2);
    expect(await fe.textContent()).toContain('待应答');

    // What needs attention now: the level II incident first, then the two unanswered orders.
    const lines = page.locator('[data-testid=attention] [data-testid=attention-line]');
    const kinds = async () => {
      const out: (string | null)[] = [];
      for (let i = 0; i < (await lines.count()); i++)
        out.push(await lines.nth(i).getAttribute('data-kind'));
      return out;
    };
    await expect
      .poll(async () => (await kinds()).slice(0, 3), {
        timeout: 30_000,
      })
      .toEqual(['incident', 'order', 'order']);
    expect(await lines.nth(0).textContent()).toContain('化工园区爆炸');

    // The fire brigade takes the order and reports on scene: the board follows, the order leaves
    // the panel.
    const order = (await page.evaluate(
      `[...window.__cc.store.getState().orders.values()].find((o) => o.resourceId === '${id('FE-1')}').id`,
    )) as string;
    await h.publish('order', {
      id: order.slice(order.indexOf(':') + 1),
      ts: new Date().toISOString(),
      status: 'acknowledged',
    });
    await h.publish('resource', unit('FE-1', '红梅中队 水罐车', 'on_scene'));
    await expect.poll(() => fe.getAttribute('data-state'), { timeout: 30_000 }).toBe('on_scene');
    expect(await fe.textContent()).toContain('到场');
    await expect
      .poll(async () => (await kinds()).filter((k) => k === 'order').length, {
        timeout: 30_000,
      })
      .toBe(1);
    await board.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'wall-board.png') });
    expect(wall.errors).toEqual([]);
  });
});
