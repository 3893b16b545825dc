import { DutyEntry, type Command, type Identity } from '@cc/shared';
import { commit } from '@cc/shared/node';
import { appendEvent, putJson } from '../store/ops';
import { actor } from './alarm';
import type { CommandContext, CommandHandler, CommandOutcome } from './registry';

type EntryCommand = Extract<Command, { type: 'duty.entry' | 'duty.handover' }>;

/** The log entry a command records, timed `at` and signed by its sender. Pure. */
export function dutyEntryOf(command: EntryCommand, identity: Identity, at: number): DutyEntry {
  const signed = { id: command.commandId, at, ts: at, by: actor(identity), bySub: identity.sub };
  if (command.type === 'duty.handover') {
    return DutyEntry.parse({
      ...signed,
      kind: 'handover',
      text: command.text,
      onDuty: command.onDuty,
      open: command.open,
    });
  }
  return DutyEntry.parse({
    ...signed,
    kind: command.kind,
    text: command.text,
    ...(command.caller === undefined ? {} : { caller: command.caller }),
    ...(command.phone === undefined ? {} : { phone: command.phone }),
  });
}

/** Records an entry once: its id is the command's, so a repeated command changes nothing. */
async function record(
  ctx: CommandContext,
  command: EntryCommand,
  identity: Identity,
): Promise<CommandOutcome> {
  const entry = dutyEntryOf(command, identity, ctx.now());
  const result = await commit(
    ctx.redis,
    { obsKey: ctx.keys.obs('duty'), id: entry.id, ts: entry.ts, expected: null },
    [
      putJson(ctx.keys.state('duty'), entry.id, entry),
      appendEvent(ctx, { kind: 'duty', op: 'upsert', data: entry }),
    ],
  );
  if (result.status === 'ok') return { eventIds: result.streamIds };
  return { ok: false, code: 'command.stale', message: `duty log entry ${entry.id} exists` };
}

/** `duty.entry`: a note or a call received. */
export const handleDutyEntry: CommandHandler<'duty.entry'> = (ctx, command, identity) =>
  record(ctx, command, identity);

/** `duty.handover`: the shift changes hands; the wall's roster follows. */
export const handleDutyHandover: CommandHandler<'duty.handover'> = (ctx, command, identity) =>
  record(ctx, command, identity);
