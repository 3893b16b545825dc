import {
  HiddenHazard,
  districtAt,
  takeStep,
  type Command,
  type HiddenHazardAction,
  type Identity,
} from '@cc/shared';
import { commit } from '@cc/shared/node';
import { CAS_ATTEMPTS } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { COMMAND_CENTER_AGENCY } from './incident';
import { actor } from './alarm';
import type { CommandContext, CommandHandler, CommandOutcome } from './registry';

type CreateHiddenHazard = Extract<Command, { type: 'hiddenhazard.create' }>;

/** Roles that enter hidden hazards found by inspections (the hotline comes as one of them). */
const ENTERING = new Set<Identity['role']>(['supervisor', 'admin']);

/** An item entered by supervision staff or from a tip-off: `cc:{id}`, stage `reported`. Pure. */
export function enteredHiddenHazard(
  command: CreateHiddenHazard,
  identity: Identity,
  now: number,
): HiddenHazard {
  const { photos, location, reportedBy, ...fields } = command.hiddenHazard;
  const district = districtAt(location)?.code;
  const by = reportedBy ?? actor(identity);
  return HiddenHazard.parse({
    ...fields,
    id: `${COMMAND_CENTER_AGENCY}:${command.id}`,
    location,
    ...(district === undefined ? {} : { district }),
    stage: 'reported',
    photos: photos ?? [],
    reportedAt: now,
    reportedBy: by,
    history: [
      {
        at: now,
        by,
        role: fields.source === 'tip_off' ? 'public' : identity.role,
        action: 'report',
        to: 'reported',
        ...(photos?.length ? { photos } : {}),
      },
    ],
    ts: now,
  });
}

/** `hiddenhazard.create`: supervision staff enter an inspection's finding, or a tip-off arrives. */
export const handleHiddenHazardCreate: CommandHandler<'hiddenhazard.create'> = async (
  ctx,
  command,
  identity,
) => {
  if (!ENTERING.has(identity.role)) {
    return {
      ok: false,
      code: 'command.forbidden',
      message: 'hidden hazards are entered by supervision staff; enterprises report over MQTT',
    };
  }
  const data = enteredHiddenHazard(command, identity, ctx.now());
  const result = await commit(
    ctx.redis,
    { obsKey: ctx.keys.obs('hiddenhazard'), id: data.id, ts: data.ts, expected: null },
    [
      putJson(ctx.keys.state('hiddenhazard'), data.id, data),
      appendEvent(ctx, { kind: 'hiddenhazard', op: 'upsert', data }),
    ],
  );
  if (result.status === 'ok') return { eventIds: result.streamIds };
  return {
    ok: false,
    code: 'command.stale',
    message: `hidden hazard ${data.id} already exists`,
    path: ['id'],
  };
};

/**
 * Moves an item one step with a compare-and-set on `obs:hiddenhazard`, so two steps (or a step
 * and the overdue sweep) never overwrite each other. The transition table decides; a refusal
 * names the steps the stage allows.
 */
async function stepHiddenHazard(
  ctx: CommandContext,
  id: string,
  step: HiddenHazardAction,
  identity: Identity,
): Promise<CommandOutcome> {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [json, obs] = await Promise.all([
      ctx.redis.hGet(ctx.keys.state('hiddenhazard'), id),
      ctx.redis.hGet(ctx.keys.obs('hiddenhazard'), id),
    ]);
    if (!json) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `no hidden hazard ${id}`,
        path: ['hiddenHazardId'],
      };
    }
    const stored = HiddenHazard.parse(JSON.parse(json));
    const expected = obs === null ? null : Number(obs);
    const at = Math.max(ctx.now(), (expected ?? stored.ts) + 1);
    const taken = takeStep(stored, step, identity, at);
    if (!taken.ok) {
      return {
        ok: false,
        code: taken.reason === 'forbidden' ? 'command.forbidden' : 'command.stale',
        message: taken.message,
        path: ['step', 'action'],
      };
    }
    const data = taken.item;
    const result = await commit(
      ctx.redis,
      { obsKey: ctx.keys.obs('hiddenhazard'), id, ts: at, expected },
      [
        putJson(ctx.keys.state('hiddenhazard'), id, data),
        appendEvent(ctx, { kind: 'hiddenhazard', op: 'upsert', data }),
      ],
    );
    if (result.status === 'ok') return { eventIds: result.streamIds };
  }
  return {
    ok: false,
    code: 'command.stale',
    message: `hidden hazard ${id} kept changing; try again`,
  };
}

/** `hiddenhazard.step`: one step of the closed loop. */
export const handleHiddenHazardStep: CommandHandler<'hiddenhazard.step'> = (
  ctx,
  command,
  identity,
) => stepHiddenHazard(ctx, command.hiddenHazardId, command.step, identity);
