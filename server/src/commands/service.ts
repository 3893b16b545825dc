import { ErrorReply, MultiErrorReply } from 'redis';
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
 * Whether Redis answered that it did not append the command (an error reply), as opposed to a
 * lost connection, after which the write may have gone through. In the transaction the command
 * is the first write; a refusal of the audit entry alone does not make the command unsent.
 */
function commandRefused(err: unknown): boolean {
  if (err instanceof MultiErrorReply) return err.errorIndexes.includes(0);
  return err instanceof ErrorReply;
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

  /**
   * Waits for the result of `commandId`; `command.timeout` after `timeoutMs`. `settle` answers
   * early (the command was never appended) and stops the wait.
   */
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
    const done = promise.finally(() => {
      clearTimeout(timer);
      set.delete(resolve);
      if (set.size === 0) waiting.delete(commandId);
    });
    return { done, settle: resolve };
  }

  function notSent(commandId: string, why: string): CommandResult {
    log.warn({ commandId, err: why }, 'command not sent');
    return failure('command.not_sent', { commandId });
  }

  const service = {
    /** Checks, records and forwards a command; resolves with its result. Never rejects. */
    async submit(identity: Identity | undefined, input: unknown): Promise<CommandResult> {
      return service.submitAs(identity, checkCommand(identity, input));
    },
    /**
     * Records a command the server itself made and checked (a tip-off from the hotline
     * endpoint, on its rate limit), in the name of `identity`.
     */
    async submitAs(
      identity: Identity | undefined,
      checked: ReturnType<typeof checkCommand>,
    ): Promise<CommandResult> {
      if (!checked.ok) return checked;
      const { command } = checked;
      const at = now();
      // Not connected: queueing the write would send it at some later reconnect, after the
      // client was told the outcome. Answer now: nothing was sent, so sending again is safe.
      if (!redis.isReady) return notSent(command.commandId, 'Redis is unreachable');
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
        // Redis answered with an error: the command is not in the stream and nothing will
        // answer it. A lost connection is different: the write may have gone through, so the
        // wait goes on (and may end as `command.timeout`).
        if (commandRefused(err)) {
          result.settle(notSent(command.commandId, (err as Error).message));
        } else {
          log.warn(
            { err: (err as Error).message, commandId: command.commandId },
            'command write interrupted; waiting for its result',
          );
        }
      }
      return result.done;
    },
    async close() {
      if (subscriberRedis.isOpen) await subscriberRedis.close();
    },
  };
  return service;
}
export type CommandService = Awaited<ReturnType<typeof createCommandService>>;
