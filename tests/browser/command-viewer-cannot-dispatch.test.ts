import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCommandId, emitCommand } from '../helpers/commands';
import { pointOf, startCommand, type CommandPage } from '../helpers/command-page';
import { connectAs } from '../helpers/live-client';
import { incidentMessage } from '../helpers/wall-page';

describe('the command route opened with a viewer token', () => {
  let c: CommandPage;

  beforeAll(async () => {
    c = await startCommand('cmd-viewer');
    await c.signIn('viewer-1');
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('shows the picture without any command control, and the server refuses its commands', async () => {
    const { page, h } = c;
    await h.publish('incident', incidentMessage('v-1', { level: 'III' }));
    const incidentId = `${h.agency}:v-1`;
    const tablet = page.locator('[data-testid=tablet]');
    expect(await tablet.getAttribute('data-role')).toBe('viewer');
    expect(await tablet.getAttribute('data-can-command')).toBe('0');

    const row = page.locator(`[data-testid=incident-row][data-incident-id="${incidentId}"]`);
    await row.click();
    const detail = page.locator('[data-testid=incident-detail]');
    await detail.waitFor();
    // No edit, no status buttons (the status is shown, not offered).
    expect(await detail.locator('[data-testid=edit-incident]').count()).toBe(0);
    expect(await detail.locator('button[data-testid=status-step]').count()).toBe(0);
    expect(await detail.locator('.status-step.is-current').textContent()).toBe('已接报');
    // Decision support shows, but nothing to pick and no dispatch.
    await detail.locator('[data-testid=tab-support]').click();
    await detail.locator('[data-testid=support]').waitFor();
    expect(await page.locator('button[data-testid=candidate]').count()).toBe(0);
    expect(await page.locator('[data-testid=dispatch]').count()).toBe(0);
    await detail.locator('[data-testid=tab-units]').click();
    expect(await page.locator('[data-testid=recall]').count()).toBe(0);
    // A long press on the map reports nothing.
    const at = await pointOf(page, [119.95, 31.8]);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.waitForTimeout(900);
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=incident-form]').count()).toBe(0);
    expect(await page.locator('[data-testid=alarm-handle]').count()).toBe(0);

    // The token the tablet holds is refused by the server, over REST and over the socket.
    const rest = await page.evaluate(async (id) => {
      const storage = (globalThis as unknown as { localStorage: { getItem(k: string): unknown } })
        .localStorage;
      const token = String(storage.getItem('cc.token'));
      const res = await fetch('/api/v1/commands', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          type: 'incident.status',
          commandId: crypto.randomUUID(),
          incidentId: id,
          status: 'closed',
        }),
      });
      return { status: res.status, body: (await res.json()) as { code: string } };
    }, incidentId);
    expect(rest.status).toBe(403);
    expect(rest.body.code).toBe('command.forbidden');

    const viewer = await connectAs(c.server, {}, 'viewer');
    try {
      const result = await emitCommand(viewer, {
        type: 'dispatch',
        commandId: newCommandId(),
        incidentId,
        resourceIds: [`${h.agency}:unit-1`],
      });
      expect(result).toMatchObject({ ok: false, code: 'command.forbidden' });
    } finally {
      viewer.close();
    }
    await expect.poll(() => detail.getAttribute('data-status')).toBe('reported');
    expect(c.errors).toEqual([]);
  });
});
