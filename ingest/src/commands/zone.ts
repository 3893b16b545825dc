import type { ProtectiveZone } from '@cc/shared';
import { CAS_ATTEMPTS } from '../feeds/context';
import { computeZone, readZoneInputs, releaseSource, windAt, writeZone } from '../zones/zones';
import { actor } from './alarm';
import type { CommandHandler } from './registry';

/**
 * `zone.override`: a commander sets a protective-action zone's spill size and/or day/night (`null`
 * returns it to the product's choice). The zone is recomputed and written at once, with who set it
 * and when; the server's audit records the command.
 */
export const handleZoneOverride: CommandHandler<'zone.override'> = async (
  ctx,
  command,
  identity,
) => {
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const now = ctx.now();
    const inputs = await readZoneInputs(ctx);
    const prev = inputs.zones.find((z) => z.id === command.incidentId);
    const incident = inputs.incidents.find((i) => i.id === command.incidentId);
    const source = incident && releaseSource(incident, inputs.hazards);
    if (!prev || !incident || !source) {
      return {
        ok: false,
        code: 'command.unknown_entity',
        message: `incident ${command.incidentId} has no protective-action zone`,
        path: ['incidentId'],
      };
    }
    const pick = <T>(sent: T | null | undefined, kept: T | undefined): T | undefined =>
      sent === null ? undefined : (sent ?? kept);
    const spill = pick(command.spill, prev.override?.spill);
    const time = pick(command.time, prev.override?.time);
    const override: ProtectiveZone['override'] =
      spill === undefined && time === undefined
        ? undefined
        : {
            ...(spill === undefined ? {} : { spill }),
            ...(time === undefined ? {} : { time }),
            by: actor(identity),
            at: now,
          };
    const next = computeZone(
      incident,
      source,
      windAt(incident.location, inputs.stations, now),
      override,
      inputs.places,
      inputs.hazards,
      now,
    );
    const stored = inputs.versions[prev.id];
    const eventIds = await writeZone(
      ctx,
      prev.id,
      next,
      stored === undefined ? null : Number(stored),
    );
    if (eventIds) return { eventIds };
  }
  return {
    ok: false,
    code: 'command.stale',
    message: `zone ${command.incidentId} kept changing; try again`,
  };
};
