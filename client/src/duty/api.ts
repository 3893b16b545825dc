import type { CommandResult } from '@cc/shared';
import { API } from '@cc/shared';
import { loadSession } from '../auth/session';

/** A fresh command id, as the contract asks (repeating it applies the command once). */
export function newCommandId(): string {
  return crypto.randomUUID();
}

/**
 * Sends a duty-log or report command through `POST /api/v1/commands` with the signed-in
 * person's token; resolves with the server's result (confirmed once its events are stored).
 */
export async function sendDutyCommand(command: Record<string, unknown>): Promise<CommandResult> {
  const session = loadSession(window.localStorage, Date.now());
  const res = await fetch(API.commands, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: JSON.stringify({ commandId: newCommandId(), ...command }),
  });
  return (await res.json()) as CommandResult;
}
