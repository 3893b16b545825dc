import type {
  Command,
  CommandErrorCode,
  CommandType,
  Identity,
  ReportDeadlines,
  Topics,
  UnitRefusal,
} from '@cc/shared';
import type { FeedContext } from '../feeds/context';
import { handleAlarmAck, handleAlarmDispose } from './alarm';
import { handleDispatch, handleRecall } from './dispatch';
import { handleZoneOverride } from './zone';
import { handleStockIssue, handleStockReplenish } from '../stock/ledger';
import { handleHiddenHazardCreate, handleHiddenHazardStep } from './hiddenhazard';
import { handleDutyEntry, handleDutyHandover } from './duty';
import { handleReportSave, handleReportSend, handleReportStart } from './report';
import {
  handleIncidentAcknowledge,
  handleIncidentCreate,
  handleIncidentStatus,
  handleIncidentUpdate,
} from './incident';
import {
  handleDisasterIncident,
  handleDisasterLink,
  handleDisasterMerge,
  handleDisasterReject,
  handleDisasterReport,
  handleDisasterVerify,
  handleDisasterZero,
} from '../disaster/commands';

/** What a command handler may use: a feed handler's context, topics, and MQTT publishing (orders). */
export interface CommandContext extends FeedContext {
  topics: Topics;
  /** Publishes to the broker with QoS 1 (an order to an agency, for instance). */
  publish: (topic: string, payload: string) => void;
  /** The reporting deadlines (信息报送); absent: DEFAULT_REPORT_DEADLINES. */
  reportDeadlines?: ReportDeadlines;
}

/** A refusal, with the code every client understands (`COMMAND_ERROR_CODES`). */
export interface CommandFailure {
  ok: false;
  code: CommandErrorCode;
  message: string;
  path?: (string | number)[];
  /** A dispatch refused as a whole: why each of its units was. */
  refused?: UnitRefusal[];
}

/**
 * The events a command appended (stream ids), with the units a dispatch left out, or why it was
 * refused.
 */
export type CommandOutcome = { eventIds: string[]; refused?: UnitRefusal[] } | CommandFailure;

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
  'incident.acknowledge': handleIncidentAcknowledge,
  'alarm.ack': handleAlarmAck,
  'alarm.dispose': handleAlarmDispose,
  dispatch: handleDispatch,
  recall: handleRecall,
  'zone.override': handleZoneOverride,
  'hiddenhazard.create': handleHiddenHazardCreate,
  'hiddenhazard.step': handleHiddenHazardStep,
  'duty.entry': handleDutyEntry,
  'duty.handover': handleDutyHandover,
  'report.start': handleReportStart,
  'report.save': handleReportSave,
  'report.send': handleReportSend,
  'stock.issue': handleStockIssue,
  'stock.replenish': handleStockReplenish,
  'disaster.report': handleDisasterReport,
  'disaster.zero': handleDisasterZero,
  'disaster.verify': handleDisasterVerify,
  'disaster.reject': handleDisasterReject,
  'disaster.merge': handleDisasterMerge,
  'disaster.link': handleDisasterLink,
  'disaster.incident': handleDisasterIncident,
};

/** Looks up the handler for a command, typed for that command. */
export function handlerFor<T extends CommandType>(
  registry: CommandRegistry,
  type: T,
): CommandHandler<T> | undefined {
  return registry[type] as CommandHandler<T> | undefined;
}
