import type { Logger } from '@cc/shared/node';
import type { LiveSocket } from '../live/hub';
import { failure } from './check';
import type { CommandService } from './service';

/** Answers a socket's `command` events through the command service; the ack always fires. */
export function handleSocketCommands(socket: LiveSocket, service: CommandService, log: Logger) {
  socket.on('command', (input, ack) => {
    if (typeof ack !== 'function') return;
    service.submit(socket.data.identity, input).then(ack, (err: unknown) => {
      log.error({ err: (err as Error).message }, 'command failed');
      ack(failure('command.timeout'));
    });
  });
}
