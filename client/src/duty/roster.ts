import type { DutyEntry, RosterEntry } from '@cc/shared';

/** The latest shift handover in the duty log, if any. Pure. */
export function latestHandover(duties: ReadonlyMap<string, DutyEntry>): DutyEntry | undefined {
  let latest: DutyEntry | undefined;
  for (const d of duties.values()) {
    if (d.kind === 'handover' && (!latest || d.at > latest.at)) latest = d;
  }
  return latest;
}

/**
 * Who is on duty: the people named at the latest handover in the duty log, else the roster of
 * the wall's settings (wall.yaml). Pure.
 */
export function onDutyRoster(
  duties: ReadonlyMap<string, DutyEntry>,
  configured: readonly RosterEntry[] | undefined,
): readonly RosterEntry[] | undefined {
  return latestHandover(duties)?.onDuty ?? configured;
}
