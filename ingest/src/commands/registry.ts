import type { Command, CommandErrorCode, CommandType, Identity, Topics } from '@cc/shared';
import type { FeedContext } from '../feeds/context';
import { handleAlarmAck, handleAlarmDispose } from './alarm';
import { handleDispatch, handleRecall } from './dispatch';
import { handleIncidentCreate, handleIncidentStatus, handleIncidentUpdate } from './incident';
import { handleZoneOverride } from './zone';

/** What a command handler may use: a feed handler's context, topics, and MQTT publishing (orders). */
export interface CommandContext extends FeedContext {
  topics: Topics;
  /** Publishes to the broker with QoS 1 (an order to an agency, for instance). */
  publish: (topic: string, payload: string) => void;
}

/** A refusal, with the code every client understands (`COMMAND_ERROR_CODES`). */
export interface CommandFailure {
  ok: false;
  code: CommandErrorCode;
  message: string;
  path?: (string | number)[];
}

/** The events a command appended (stream ids), or why it was refused. */
export type CommandOutcome = { eventIds: string[] } | CommandFailure;

export type CommandHandler<T extends CommandType = CommandType> = (
  ctx: CommandContext,
  command: Extract<Command, { type: T }>,
  identity: Identity,
) => Promise<CommandOutcome>;

/** One handler per command type; a type without one is refused as invalid. */
export type CommandRegistry = { [T in CommandType]?: CommandHandler<T> };

/** The handlers ingest applies commands with. Add a line per command type. */
export const commandHandlers: CommandRegistry = {
  'incident.create': handleIncidentCreate,
  'incident.update': handleIncidentUpdate,
  'incident.status': handleIncidentStatus,
  'alarm.ack': handleAlarmAck,
  'alarm.dispose': handleAlarmDispose,
  dispatch: handleDispatch,
  recall: handleRecall,
  'zone.override': handleZoneOverride,
};

/** Looks up the handler for a command, typed for that command. */
export function handlerFor<T extends CommandType>(
  registry: CommandRegistry,
  type: T,
): CommandHandler<T> | undefined {
  return registry[type] as CommandHandler<T> | undefined;
}
