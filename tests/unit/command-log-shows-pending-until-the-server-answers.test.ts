import { describe, expect, it } from 'vitest';
import type { Command } from '@cc/shared';
import { createCommandLog } from '../../client/src/command/command-log';
import type { SendResult } from '../../client/src/command/send-result';

const status = (commandId: string): Command => ({
  type: 'incident.status',
  commandId,
  incidentId: 'fire:i1',
  status: 'verified',
});

/** A send whose answers the test gives, one per call, in order. */
function controlledSend() {
  const calls: { command: Command; answer: (r: SendResult) => void }[] = [];
  const send = (command: Command) =>
    new Promise<SendResult>((resolve) => calls.push({ command, answer: resolve }));
  return { calls, send };
}

describe('the tablet command log', () => {
  it('keeps a command pending until the server confirms it', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send, () => 5);
    const done = log.submit(status('c-000001'));
    expect(log.store.getState().entries.get('c-000001')?.state).toBe('pending');
    calls[0]!.answer({ ok: true, commandId: 'c-000001', eventIds: ['1-0'] });
    expect((await done)?.state).toBe('confirmed');
  });

  it('records a refusal with its code and message', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const done = log.submit(status('c-000002'));
    calls[0]!.answer({ ok: false, code: 'command.stale', message: 'resource x is en_route' });
    const entry = await done;
    expect(entry).toMatchObject({
      state: 'refused',
      code: 'command.stale',
      message: 'resource x is en_route',
    });
    // A refused command is not offered again.
    expect((await log.retry('c-000002'))?.state).toBe('refused');
    expect(calls).toHaveLength(1);
  });

  it('calls a command without an answer unconfirmed, and retries it with the same id', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const first = log.submit(status('c-000003'));
    calls[0]!.answer({ ok: false, code: 'link.lost', message: 'socket has been disconnected' });
    expect((await first)?.state).toBe('unconfirmed');
    expect(log.lostToTheLink()).toEqual(['c-000003']);

    const again = log.retry('c-000003');
    expect(log.store.getState().entries.get('c-000003')).toMatchObject({
      state: 'pending',
      attempts: 2,
    });
    expect(calls[1]!.command.commandId).toBe('c-000003');
    calls[1]!.answer({ ok: true, commandId: 'c-000003', eventIds: [] });
    expect((await again)?.state).toBe('confirmed');
    expect(log.lostToTheLink()).toEqual([]);
  });

  it("treats the server's own timeout as unconfirmed, not refused", async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const done = log.submit(status('c-000004'));
    calls[0]!.answer({ ok: false, code: 'command.timeout', message: 'not confirmed in time' });
    expect((await done)?.state).toBe('unconfirmed');
    // Only a dropped link resends by itself; a timeout waits for the person.
    expect(log.lostToTheLink()).toEqual([]);
  });

  it('calls a command the server could not record unsent (nothing applied), and lets it be sent again', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const first = log.submit(status('c-000008'));
    const notSent = {
      ok: false,
      code: 'command.not_sent',
      message: 'nothing was applied',
    } as const;
    calls[0]!.answer(notSent);
    expect(await first).toMatchObject({ state: 'unsent', code: 'command.not_sent' });
    const again = log.retry('c-000008');
    calls[1]!.answer({ ok: true, commandId: 'c-000008', eventIds: ['2-0'] });
    expect(await again).toMatchObject({ state: 'confirmed', attempts: 2 });
  });

  it('keeps a command unconfirmed when a resend after a timeout is not recorded: the first may have been', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const first = log.submit(status('c-000009'));
    calls[0]!.answer({ ok: false, code: 'command.timeout', message: 'not confirmed in time' });
    await first;
    const again = log.retry('c-000009');
    calls[1]!.answer({ ok: false, code: 'command.not_sent', message: 'nothing was applied' });
    expect((await again)?.state).toBe('unconfirmed');
  });

  it('forgets settled commands on request, never pending ones', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const done = log.submit(status('c-000005'));
    log.dismiss('c-000005');
    expect(log.store.getState().entries.has('c-000005')).toBe(true);
    calls[0]!.answer({ ok: true, commandId: 'c-000005', eventIds: [] });
    await done;
    log.dismiss('c-000005');
    expect(log.store.getState().entries.has('c-000005')).toBe(false);
  });

  it('forgets what others did when someone else signs in, but not what is still in flight', async () => {
    const { calls, send } = controlledSend();
    const log = createCommandLog(send);
    const settled = log.submit(status('c-000006'));
    calls[0]!.answer({ ok: false, code: 'command.forbidden', message: 'no' });
    await settled;
    void log.submit(status('c-000007'));
    log.clearSettled();
    expect([...log.store.getState().entries.keys()]).toEqual(['c-000007']);
  });
});
