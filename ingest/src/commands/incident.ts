import { Incident, type Command, type Identity, type IncidentStatus } from '@cc/shared';
import { commit } from '@cc/shared/node';
import { CAS_ATTEMPTS } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { actor } from './alarm';
import type { CommandContext, CommandHandler, CommandOutcome } from './registry';

/** The agency that owns incidents a commander creates: the command center itself. */
export const COMMAND_CENTER_AGENCY = 'cc';

type CreateIncident = Extract<Command, { type: 'incident.create' }>;

/** The incident a commander reports, naming who reported it: pure, so it is tested without Redis. */
export function newIncident(command: CreateIncident, now: number, by?: Identity): Incident {
  const { casualties, ...fields } = command.incident;
  return Incident.parse({
    ...fields,
    casualties: casualties ?? { dead: 0, injured: 0, missing: 0, trapped: 0 },
    id: `${COMMAND_CENTER_AGENCY}:${command.id}`,
    agency: COMMAND_CENTER_AGENCY,
    status: 'reported',
    ts: now,
    ...(by === undefined ? {} : { reportedBy: by.name ?? by.sub }),
  });
}

/** `incident.create`: a new incident owned by `cc`; an existing id is refused as stale. */
export const handleIncidentCreate: CommandHandler<'incident.create'> = async (
  ctx,
  command,
  identity,
) => {
  const data = newIncident(command, ctx.now(), identity);
  const result = await writeIncident(ctx, data, null);
  if (result.status === 'ok') return { eventIds: result.streamIds };
  return {
    ok: false,
    code: 'command.stale',
    message: `incident ${data.id} already exists`,
    path: ['id'],
  };
};

/**
 * Applies `change` to the stored incident with a compare-and-set on its observation time, so a
 * feed message or another command in between is never overwritten; the new time is now, or just
 * after the stored one when the clock lags.
 */
async function changeIncident(
  ctx: CommandContext,
  incidentId: string,
  change: (incident: Incident) => Incident,
): Promise<CommandOutcome> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [json, obs] = await Promise.all([
      ctx.redis.hGet(ctx.keys.state('incident'), incidentId),
      ctx.redis.hGet(ctx.keys.obs('incident'), incidentId),
    ]);
    if (!json) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no incident ${incidentId}`,
        path: ['incidentId'],
      };
    }
    const stored = Incident.parse(JSON.parse(json));
    const expected = obs === null ? null : Number(obs);
    const ts = Math.max(ctx.now(), (expected ?? stored.ts) + 1);
    const data = Incident.parse({ ...change(stored), id: stored.id, agency: stored.agency, ts });
    const result = await writeIncident(ctx, data, expected);
    if (result.status === 'ok') return { eventIds: result.streamIds };
  }
  return {
    ok: false,
    code: 'command.stale',
    message: `incident ${incidentId} kept changing; try again`,
  };
}

/** `incident.update`: merges the changed fields into the stored incident. */
export const handleIncidentUpdate: CommandHandler<'incident.update'> = (ctx, command) =>
  changeIncident(ctx, command.incidentId, (incident) => mergeIncident(incident, command.changes));

/** `incident.status`: moves the incident along its lifecycle. */
export const handleIncidentStatus: CommandHandler<'incident.status'> = (ctx, command) =>
  changeIncident(ctx, command.incidentId, (incident) => withStatus(incident, command.status));

/** `incident.acknowledge`: a commander has seen the incident as it stands (the wall lets go). */
export const handleIncidentAcknowledge: CommandHandler<'incident.acknowledge'> = (
  ctx,
  command,
  identity,
) =>
  changeIncident(ctx, command.incidentId, (incident) =>
    acknowledgeIncident(incident, actor(identity), ctx.now()),
  );

/** The incident acknowledged by `by` at `at`, at its current level. Pure. */
export function acknowledgeIncident(incident: Incident, by: string, at: number): Incident {
  return { ...incident, acknowledged: { by, at, level: incident.level } };
}

/** The incident with the given fields replaced; fields not named stay. Pure. */
export function mergeIncident(
  incident: Incident,
  changes: Extract<Command, { type: 'incident.update' }>['changes'],
): Incident {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return { ...incident, ...defined };
}

export function withStatus(incident: Incident, status: IncidentStatus): Incident {
  return { ...incident, status };
}

/** Stores an incident and announces it, if its stored observation is still `expected`. */
function writeIncident(ctx: CommandContext, data: Incident, expected: number | null) {
  return commit(
    ctx.redis,
    { obsKey: ctx.keys.obs('incident'), id: data.id, ts: data.ts, expected },
    [
      putJson(ctx.keys.state('incident'), data.id, data),
      appendEvent(ctx, { kind: 'incident', op: 'upsert', data }),
    ],
  );
}
