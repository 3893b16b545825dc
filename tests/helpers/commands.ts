import { randomUUID } from 'node:crypto';
import type { CommandResult } from '@cc/shared';
import type { connectAs } from './live-client';
import { tokenFor, type TestRole } from './product';

type LiveClient = Awaited<ReturnType<typeof connectAs>>;

/** A fresh commandId, as a client would choose it. */
export const newCommandId = () => randomUUID();

/** A valid `incident.create` for local id `id`. */
export function createIncidentCommand(id: string, commandId = newCommandId()) {
  return {
    type: 'incident.create',
    commandId,
    id,
    incident: {
      type: 'fire',
      category: 'accident_disaster',
      level: 'III',
      title: `Fire ${id}`,
      location: [119.95, 31.78],
    },
  };
}

/** Emits a command over Socket.IO and resolves with its acknowledgement. */
export function emitCommand(client: LiveClient, command: unknown): Promise<CommandResult> {
  return new Promise((resolve) => client.socket.emit('command', command, resolve));
}

/** POSTs a command as `role`; resolves with the status and the JSON body. */
export async function postCommand(
  server: { url: string },
  command: unknown,
  role: TestRole = 'commander',
): Promise<{ status: number; body: CommandResult }> {
  const res = await fetch(`${server.url}/api/v1/commands`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor(server, role)}`,
    },
    body: JSON.stringify(command),
  });
  return { status: res.status, body: (await res.json()) as CommandResult };
}
