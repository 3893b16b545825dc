import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reading } from '../helpers/fixtures';
import { smallTouchTargets, startCommand, type CommandPage } from '../helpers/command-page';
import { api } from '../helpers/product';
import { screenshot } from '../helpers/browser';

const LT = 'tank-farm-1-lt1';
const NOTE = '已通知企业关闭进料阀，液位回落中';
const DISPOSAL = '现场检查完毕，进料阀已关闭';

interface AuditBody {
  audit: { who: { sub: string }; what: { type: string; alarmId?: string; note?: string } }[];
}

describe('the tablet, with an alarm on a hazard', () => {
  let c: CommandPage;

  beforeAll(async () => {
    c = await startCommand('cmd-alarm');
    await c.signIn('commander-1');
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('acknowledges it with a note and records the disposal; both are in the audit log', async () => {
    const { page, h } = c;
    // A reading past high-high raises a second-stage alarm.
    await h.publish('sensor', reading(LT, 97, Date.now() - 1_000));
    const alarmsButton = page.locator('[data-testid=open-alarms]');
    await expect.poll(() => alarmsButton.getAttribute('data-count')).toBe('1');
    await alarmsButton.click();
    const card = page.locator('[data-testid=alarm-card]');
    await card.waitFor();
    const alarmId = (await card.getAttribute('data-alarm-id'))!;
    expect(await card.getAttribute('data-acknowledged')).toBe('0');

    await card.locator('[data-testid=alarm-handle]').click();
    const dialog = page.locator('[data-testid=alarm-dialog]');
    await dialog.waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    // A disposal without a note is stopped on the tablet, and nothing is sent.
    await dialog.locator('[data-testid=alarm-dispose]').click();
    await expect.poll(() => dialog.locator('.tablet-error').count()).toBe(1);
    await dialog.locator('[data-testid=alarm-note]').fill(NOTE);
    await dialog.locator('[data-testid=alarm-ack]').click();
    // The dialog closes only once the server has confirmed.
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => card.getAttribute('data-acknowledged')).toBe('1');
    expect(await card.locator('[data-testid=alarm-ack]').textContent()).toContain(NOTE);
    expect(await card.locator('[data-testid=alarm-ack]').textContent()).toContain('值班指挥员');

    // The disposal, from the hazard this time: tapping the alarm's hazard opens it.
    await card.locator('.alarm-card__subject').click();
    const hazardPanel = page.locator('[data-testid=hazard-panel]');
    await hazardPanel.waitFor();
    await hazardPanel.locator('[data-testid=alarm-handle]').click();
    await dialog.locator('[data-testid=alarm-note]').fill(DISPOSAL);
    await dialog.locator('[data-testid=alarm-dispose]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => hazardPanel.locator('[data-testid=alarm-card]').getAttribute('data-disposed'))
      .toBe('1');
    expect(await hazardPanel.locator('[data-testid=alarm-disposal]').textContent()).toContain(
      DISPOSAL,
    );
    await screenshot(page, 'command-alarm-disposed');

    const res = await api(c.server, '/api/v1/audit?limit=20');
    const { audit } = (await res.json()) as AuditBody;
    const mine = audit.filter((e) => e.what.alarmId === alarmId);
    expect(mine.map((e) => [e.who.sub, e.what.type, e.what.note])).toEqual([
      ['commander-1', 'alarm.dispose', DISPOSAL],
      ['commander-1', 'alarm.ack', NOTE],
    ]);
    expect(c.errors).toEqual([]);
  });
});
