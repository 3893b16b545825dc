import { z } from 'zod';
import { Command, ROLES, type CommandResult, type Identity } from '@cc/shared';
import type { Redis } from '@cc/shared/node';
import { commandHandlers, handlerFor, type CommandContext, type CommandRegistry } from './registry';

/** The consumer group every ingest worker reads the `commands` stream through. */
export const COMMANDS_GROUP = 'ingest';
/** How long a command's result is kept: a repeated commandId within it gets the first result. */
export const RESULT_TTL_S = 24 * 3600;

/** One entry of the `commands` stream (field `e`), as the server appends it. */
export const CommandEntry = z.object({
  command: z.unknown(),
  identity: z.object({
    sub: z.string(),
    role: z.enum(ROLES),
    agency: z.string().optional(),
    name: z.string().optional(),
    area: z.object({ code: z.string(), name: z.string() }).optional(),
  }),
  at: z.number(),
});
export type CommandEntry = z.infer<typeof CommandEntry>;

/** What the result key holds while a command is being applied: the stream entry applying it. */
const Pending = z.object({ pending: z.string() });

export interface CommandConsumerOptions {
  ctx: CommandContext;
  /** A connection of its own: XREADGROUP BLOCK holds it, and `close()` destroys it. */
  blockingRedis: Redis;
  /** This worker's name in the group; stable across restarts so it finds its own pending entries. */
  consumer: string;
  registry?: CommandRegistry;
  blockMs?: number;
  /** Entries another worker has held this long are taken over (that worker is presumed dead). */
  reclaimIdleMs?: number;
}

type StreamMessage = { id: string; message: Record<string, string> } | null;
type Applied = { kind: 'result'; result: CommandResult } | { kind: 'skip' };

function commandIdOf(raw: unknown): string | undefined {
  const id = (raw as { commandId?: unknown } | null)?.commandId;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}

/**
 * Applies commanders' commands from the `commands` stream, each once: its own unacknowledged
 * entries first (a crash mid-command), then entries idle too long at other workers, then new ones.
 * A command's result is kept under its commandId (the idempotency record) and announced on the
 * results channel for the server waiting for it. The loop survives Redis outages; `close()` is
 * idempotent and interrupts the blocking read.
 */
export async function startCommandConsumer(options: CommandConsumerOptions) {
  const { ctx, blockingRedis, consumer } = options;
  const { redis, keys, log } = ctx;
  const registry = options.registry ?? commandHandlers;
  const blockMs = options.blockMs ?? 2_000;
  const reclaimIdleMs = options.reclaimIdleMs ?? 60_000;
  let closed = false;

  try {
    await redis.xGroupCreate(keys.commands, COMMANDS_GROUP, '0', { MKSTREAM: true });
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('BUSYGROUP')) throw err;
  }

  /** Decides and, when it is ours to do, applies one command. */
  async function apply(entryId: string, fields: Record<string, string>): Promise<Applied> {
    let entry: CommandEntry;
    try {
      entry = CommandEntry.parse(JSON.parse(fields.e ?? ''));
    } catch (err) {
      log.error({ entryId, err: (err as Error).message }, 'unreadable command entry; skipped');
      return { kind: 'skip' };
    }
    const parsed = Command.safeParse(entry.command);
    if (!parsed.success) {
      const commandId = commandIdOf(entry.command);
      const issue = parsed.error.issues[0];
      return {
        kind: 'result',
        result: {
          ok: false,
          ...(commandId === undefined ? {} : { commandId }),
          code: 'command.invalid',
          message: issue?.message ?? 'invalid command',
          path: (issue?.path ?? []).filter((p) => typeof p !== 'symbol'),
        },
      };
    }
    const command = parsed.data;
    const resultKey = keys.commandResult(command.commandId);
    const claim = JSON.stringify({ pending: entryId });
    const claimed = await redis.set(resultKey, claim, { NX: true, EX: RESULT_TTL_S });
    if (claimed === null) {
      const stored = await redis.get(resultKey);
      const pending = Pending.safeParse(stored === null ? null : JSON.parse(stored));
      // Another entry with this commandId is being applied: its result answers this one too.
      if (pending.success && pending.data.pending !== entryId) return { kind: 'skip' };
      // Applied before: answer with the first result again.
      if (!pending.success && stored !== null) {
        return { kind: 'result', result: JSON.parse(stored) as CommandResult };
      }
      // Ours, claimed before a crash: apply it now.
    }
    const handler = handlerFor(registry, command.type);
    if (!handler) {
      return {
        kind: 'result',
        result: {
          ok: false,
          commandId: command.commandId,
          code: 'command.invalid',
          message: `${command.type} is not supported yet`,
          path: ['type'],
        },
      };
    }
    let outcome: Awaited<ReturnType<typeof handler>>;
    try {
      outcome = await handler(ctx, command, entry.identity as Identity);
    } catch (err) {
      // Redis gone: leave the entry pending and retry. Anything else would fail again: refuse it.
      if (!redis.isReady) throw err;
      log.error({ entryId, err: (err as Error).message }, 'command handler failed');
      outcome = { ok: false, code: 'command.invalid', message: 'the command could not be applied' };
    }
    const result: CommandResult =
      'eventIds' in outcome
        ? { ok: true, commandId: command.commandId, ...outcome }
        : { ...outcome, commandId: command.commandId };
    return { kind: 'result', result };
  }

  /** Applies an entry, records and announces its result, and acknowledges it in one transaction. */
  async function handle(message: StreamMessage) {
    // A pending entry trimmed from the stream: nothing left to apply.
    if (message === null) return;
    const applied = await apply(message.id, message.message);
    const tx = redis.multi();
    if (applied.kind === 'result') {
      const json = JSON.stringify(applied.result);
      const { commandId } = applied.result;
      if (commandId !== undefined) {
        tx.set(keys.commandResult(commandId), json, { EX: RESULT_TTL_S });
      }
      tx.publish(keys.commandResults, json);
    }
    tx.xAck(keys.commands, COMMANDS_GROUP, message.id);
    await tx.exec();
  }

  /** Takes over entries other workers left unacknowledged for too long. */
  async function reclaim(): Promise<number> {
    let start = '0-0';
    let claimed = 0;
    do {
      const reply = await redis.xAutoClaim(
        keys.commands,
        COMMANDS_GROUP,
        consumer,
        reclaimIdleMs,
        start,
        { COUNT: 100 },
      );
      claimed += reply.messages.length + reply.deletedMessages.length;
      start = reply.nextId;
    } while (start !== '0-0' && !closed);
    return claimed;
  }

  async function loop() {
    let failures = 0;
    let ownPending = true;
    let nextReclaim = 0;
    while (!closed) {
      try {
        if (Date.now() >= nextReclaim) {
          if ((await reclaim()) > 0) ownPending = true;
          nextReclaim = Date.now() + reclaimIdleMs / 2;
        }
        const reply = await blockingRedis.xReadGroup(
          COMMANDS_GROUP,
          consumer,
          { key: keys.commands, id: ownPending ? '0' : '>' },
          ownPending ? { COUNT: 100 } : { COUNT: 100, BLOCK: blockMs },
        );
        const messages = (reply as { messages: StreamMessage[] }[] | null)?.[0]?.messages ?? [];
        if (ownPending && messages.every((m) => m === null)) ownPending = false;
        for (const m of messages) {
          if (closed) return;
          await handle(m);
        }
        failures = 0;
      } catch (err) {
        if (closed) return;
        failures++;
        // Whatever was not acknowledged stays pending: read our own pending entries again first.
        ownPending = true;
        const wait = Math.min(5_000, 100 * 2 ** failures);
        log.warn({ err: (err as Error).message, wait }, 'command consumer failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  const running = loop();

  let closing: Promise<void> | undefined;
  return {
    /** Stops reading; a command being applied finishes first. Idempotent. */
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        blockingRedis.destroy();
        await running;
      })();
      return closing;
    },
  };
}
export type CommandConsumer = Awaited<ReturnType<typeof startCommandConsumer>>;
