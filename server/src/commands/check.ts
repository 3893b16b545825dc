import {
  COMMAND_ERROR_CODES,
  Command,
  actionFor,
  can,
  isDutyCommand,
  type CommandErrorCode,
  type CommandResult,
  type Identity,
} from '@cc/shared';

export type CommandFailure = Extract<CommandResult, { ok: false }>;

/** A refusal with the contract's message for its code, unless a more precise one is given. */
export function failure(
  code: CommandErrorCode,
  extra: {
    commandId?: string | undefined;
    message?: string | undefined;
    path?: (string | number)[];
  } = {},
): CommandFailure {
  return {
    ok: false,
    ...(extra.commandId === undefined ? {} : { commandId: extra.commandId }),
    code,
    message: extra.message ?? COMMAND_ERROR_CODES[code],
    ...(extra.path === undefined ? {} : { path: extra.path }),
  };
}

function typeOf(input: unknown): string {
  const type = (input as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : '';
}

function commandIdOf(input: unknown): string | undefined {
  const id = (input as { commandId?: unknown } | null | undefined)?.commandId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Decides whether a command may go to ingest: authorized first (a viewer learns nothing about the
 * contract), then valid. Pure.
 */
export function checkCommand(
  identity: Identity | undefined,
  input: unknown,
): { ok: true; command: Command } | CommandFailure {
  const commandId = commandIdOf(input);
  // Duty-log and report commands need `duty`; hidden-hazard steps `hiddenhazard`.
  const type = typeOf(input);
  const action = isDutyCommand(type) ? 'duty' : actionFor(type);
  if (!can(identity, action)) return failure('command.forbidden', { commandId });
  const parsed = Command.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((p) => typeof p !== 'symbol');
    return failure('command.invalid', {
      commandId,
      message: issue ? `${path.join('.') || '(command)'}: ${issue.message}` : undefined,
      path,
    });
  }
  return { ok: true, command: parsed.data };
}

const STATUS: Record<CommandErrorCode, number> = {
  'command.invalid': 400,
  'command.forbidden': 403,
  'command.unknown_entity': 404,
  'command.stale': 409,
  'command.timeout': 504,
  'command.not_sent': 503,
  'command.insufficient': 409,
};

/** The HTTP status a command's result is answered with. */
export function httpStatus(result: CommandResult): number {
  return result.ok ? 200 : STATUS[result.code];
}
