import type { CommandResult, Identity } from '@cc/shared';
import type { Keys, Logger, Redis } from '@cc/shared/node';
import { auditEntry } from './audit';
import { checkCommand, failure } from './check';

export interface CommandServiceOptions {
  redis: Redis;
  /** A connection of its own for the results channel (a subscribed connection does nothing else). */
  subscriberRedis: Redis;
  keys: Keys;
  log: Logger;
  timeoutMs: number;
  /** Trimming bound of the commands and audit streams (approximate). */
  maxlen?: number;
  now?: () => number;
}

/**
 * The one path every command takes, from Socket.IO or REST: check, append to the `commands` and
 * `audit` streams together, then wait for ingest's result on the results channel. Every server
 * instance hears every result and answers only the commands it is waiting for.
 */
export async function createCommandService(options: CommandServiceOptions) {
  const { redis, subscriberRedis, keys, log, timeoutMs } = options;
  const maxlen = options.maxlen ?? 100_000;
  const now = options.now ?? Date.now;
  const waiting = new Map<string, Set<(result: CommandResult) => void>>();

  await subscriberRedis.subscribe(keys.commandResults, (message) => {
    let result: CommandResult;
    try {
      result = JSON.parse(message) as CommandResult;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'unreadable command result');
      return;
    }
    if (result.commandId === undefined) return;
    for (const resolve of waiting.get(result.commandId) ?? []) resolve(result);
  });

  /** Waits for the result of `commandId`; `command.timeout` after `timeoutMs`. */
  function waitForResult(commandId: string) {
    let resolve!: (result: CommandResult) => void;
    const promise = new Promise<CommandResult>((r) => (resolve = r));
    const set = waiting.get(commandId) ?? new Set();
    waiting.set(commandId, set);
    set.add(resolve);
    const timer = setTimeout(() => {
      // Published while we were not listening (a reconnect)? The stored result still says.
      redis.get(keys.commandResult(commandId)).then(
        (stored) => {
          const result =
            stored === null ? undefined : (JSON.parse(stored) as Partial<CommandResult>);
          resolve(
            result && 'ok' in result
              ? (result as CommandResult)
              : failure('command.timeout', { commandId }),
          );
        },
        () => resolve(failure('command.timeout', { commandId })),
      );
    }, timeoutMs);
    return promise.finally(() => {
      clearTimeout(timer);
      set.delete(resolve);
      if (set.size === 0) waiting.delete(commandId);
    });
  }

  return {
    /** Checks, records and forwards a command; resolves with its result. Never rejects. */
    async submit(identity: Identity | undefined, input: unknown): Promise<CommandResult> {
      const checked = checkCommand(identity, input);
      if (!checked.ok) return checked;
      const { command } = checked;
      const at = now();
      // Listen before appending: the result cannot be announced before we hear it.
      const result = waitForResult(command.commandId);
      try {
        await redis
          .multi()
          .xAdd(
            keys.commands,
            '*',
            { e: JSON.stringify({ command, identity, at }) },
            { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxlen } },
          )
          .xAdd(
            keys.audit,
            '*',
            { e: JSON.stringify(auditEntry(identity!, command, at)) },
            { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxlen } },
          )
          .exec();
      } catch (err) {
        log.warn({ err: (err as Error).message, commandId: command.commandId }, 'command not sent');
        // Not appended: nothing will answer; the waiter times out as `command.timeout`.
      }
      return result;
    },
    async close() {
      if (subscriberRedis.isOpen) await subscriberRedis.close();
    },
  };
}
export type CommandService = Awaited<ReturnType<typeof createCommandService>>;
