import { createStore } from 'zustand/vanilla';
import type { Command, UnitRefusal } from '@cc/shared';
import type { SendResult } from './send-result';

/**
 * Where a command stands on this tablet: sent and waiting (`pending`); confirmed by the server
 * (its events are in the stream); refused with a reason; `unconfirmed` — no answer in time or
 * the link dropped — which may still have been applied, so it is offered again with the same id;
 * or `unsent` — the server could not record it (`command.not_sent`), so nothing was applied and
 * it is offered again too.
 */
export type CommandState = 'pending' | 'confirmed' | 'refused' | 'unconfirmed' | 'unsent';

/** States a person may send again (with the same id: the server applies a command once). */
export const RETRYABLE: readonly CommandState[] = ['unconfirmed', 'unsent'];

export interface CommandEntry {
  command: Command;
  state: CommandState;
  /** The refusal's or the failure's code and message. */
  code?: string;
  message?: string;
  /** Client clock, epoch ms. */
  sentAt: number;
  settledAt?: number;
  /** Sends so far (a retry keeps the command id, so the server applies it once). */
  attempts: number;
  /** An earlier send went unconfirmed: whatever a later one says, it may have been applied. */
  mayBeApplied?: true;
  /** The units a dispatch left out, with why (confirmed: the others went out). */
  refused?: UnitRefusal[];
}

/** What a command shows: its state, or — while this tablet is offline — `waiting` to go out. */
export type ShownState = CommandState | 'waiting';

/**
 * The state to show: a command waiting for the link (pending, or unconfirmed because the link
 * gave no answer) is `waiting` while the tablet is offline — it goes out by itself once the link
 * is back, so no resend is offered that would invite a second send. Pure.
 */
export function shownState(
  entry: Pick<CommandEntry, 'state' | 'code'>,
  offline: boolean,
): ShownState {
  if (!offline) return entry.state;
  const linkLost = entry.state === 'unconfirmed' && entry.code?.startsWith('link.') === true;
  return entry.state === 'pending' || linkLost ? 'waiting' : entry.state;
}

/** Entries kept: the newest ones; settled ones go first. */
const MAX_ENTRIES = 200;

export interface CommandLogState {
  /** By commandId, in the order sent. */
  entries: ReadonlyMap<string, CommandEntry>;
}

/** The result of one send as the entry's new state. Pure. */
export function settle(entry: CommandEntry, result: SendResult, at: number): CommandEntry {
  const refused = result.ok || !('refused' in result) ? undefined : result.refused;
  if (result.ok) {
    return {
      ...entry,
      state: 'confirmed',
      settledAt: at,
      ...(result.refused?.length ? { refused: result.refused } : {}),
    };
  }
  const unconfirmed = result.code === 'link.timeout' || result.code === 'link.lost';
  // The server's own timeout is not a refusal either: the command may still be applied.
  if (unconfirmed || result.code === 'command.timeout') {
    const { code, message } = result;
    return { ...entry, state: 'unconfirmed', code, message, settledAt: at, mayBeApplied: true };
  }
  // Not recorded this time; an earlier send that went unanswered may still have been.
  const state =
    result.code !== 'command.not_sent' ? 'refused' : entry.mayBeApplied ? 'unconfirmed' : 'unsent';
  return {
    ...entry,
    state,
    code: result.code,
    message: result.message,
    settledAt: at,
    ...(refused?.length ? { refused } : {}),
  };
}

function trimmed(entries: Map<string, CommandEntry>): Map<string, CommandEntry> {
  if (entries.size <= MAX_ENTRIES) return entries;
  for (const [id, e] of entries) {
    if (entries.size <= MAX_ENTRIES) break;
    if (e.state !== 'pending') entries.delete(id);
  }
  return entries;
}

/**
 * The tablet's commands and their outcomes. `submit` sends through `send` (the live link) and
 * records the answer; nothing here looks done before the server confirmed it.
 */
export function createCommandLog(
  send: (command: Command) => Promise<SendResult>,
  now: () => number = Date.now,
) {
  const store = createStore<CommandLogState>()(() => ({ entries: new Map() }));
  const update = (commandId: string, change: (e: CommandEntry) => CommandEntry) =>
    store.setState((s) => {
      const entry = s.entries.get(commandId);
      if (!entry) return s;
      const entries = new Map(s.entries);
      entries.set(commandId, change(entry));
      return { entries };
    });

  async function run(commandId: string): Promise<CommandEntry | undefined> {
    const entry = store.getState().entries.get(commandId);
    if (!entry) return undefined;
    const result = await send(entry.command);
    update(commandId, (e) => settle(e, result, now()));
    return store.getState().entries.get(commandId);
  }

  return {
    store,
    /** Sends a new command; resolves with its settled entry. */
    submit(command: Command): Promise<CommandEntry | undefined> {
      store.setState((s) => {
        const entries = new Map(s.entries);
        entries.set(command.commandId, { command, state: 'pending', sentAt: now(), attempts: 1 });
        return { entries: trimmed(entries) };
      });
      return run(command.commandId);
    },
    /**
     * Sends an unconfirmed or unsent command again, with the same id: the server applies it at
     * most once.
     */
    retry(commandId: string): Promise<CommandEntry | undefined> {
      const entry = store.getState().entries.get(commandId);
      if (!entry || !RETRYABLE.includes(entry.state)) return Promise.resolve(entry);
      update(commandId, (e) => ({
        command: e.command,
        state: 'pending',
        sentAt: e.sentAt,
        attempts: e.attempts + 1,
        ...(e.mayBeApplied ? { mayBeApplied: true } : {}),
      }));
      return run(commandId);
    },
    /** Forgets a settled command (the person has read its outcome). */
    dismiss(commandId: string): void {
      store.setState((s) => {
        const entry = s.entries.get(commandId);
        if (!entry || entry.state === 'pending') return s;
        const entries = new Map(s.entries);
        entries.delete(commandId);
        return { entries };
      });
    },
    /** Forgets every settled command (someone else signed in: their outcomes are not theirs). */
    clearSettled(): void {
      store.setState((s) => ({
        entries: new Map([...s.entries].filter(([, e]) => e.state === 'pending')),
      }));
    },
    /**
     * Commands the link left without an answer (dropped, or no acknowledgement in time — a
     * command given while offline waits in the socket's buffer past its timeout): sent again,
     * with their ids, once it is back.
     */
    lostToTheLink(): string[] {
      return [...store.getState().entries]
        .filter(([, e]) => e.state === 'unconfirmed' && e.code?.startsWith('link.') === true)
        .map(([id]) => id);
    },
  };
}
export type CommandLog = ReturnType<typeof createCommandLog>;
