import {
  incidentLevelRank,
  type Incident,
  type IncidentLevel,
  type IncidentStatus,
  type IncidentType,
} from '@cc/shared';

/** `open`: every status but closed. */
export type StatusFilter = IncidentStatus | 'open' | 'all';

export interface IncidentFilter {
  status: StatusFilter;
  level: IncidentLevel | 'all';
  type: IncidentType | 'all';
}

export type IncidentSort = 'time' | 'severity';

export const DEFAULT_FILTER: IncidentFilter = { status: 'open', level: 'all', type: 'all' };

/** People harmed or at risk, the dead weighing most: the tie-break within a level. */
function harm(i: Incident): number {
  const c = i.casualties;
  return c.dead * 1_000_000 + (c.trapped + c.missing) * 1_000 + c.injured;
}

export function matches(filter: IncidentFilter, i: Incident): boolean {
  if (
    filter.status === 'open'
      ? i.status === 'closed'
      : filter.status !== 'all' && i.status !== filter.status
  )
    return false;
  if (filter.level !== 'all' && i.level !== filter.level) return false;
  return filter.type === 'all' || i.type === filter.type;
}

/**
 * The incidents the list shows, in its order: newest first by time; by severity, level I first,
 * then the most people harmed, then newest. Pure.
 */
export function listIncidents(
  incidents: Iterable<Incident>,
  filter: IncidentFilter,
  sort: IncidentSort,
): Incident[] {
  const shown = [...incidents].filter((i) => matches(filter, i));
  const byTime = (a: Incident, b: Incident) => b.ts - a.ts || a.id.localeCompare(b.id);
  return shown.sort(
    sort === 'time'
      ? byTime
      : (a, b) =>
          incidentLevelRank(a.level) - incidentLevelRank(b.level) ||
          harm(b) - harm(a) ||
          byTime(a, b),
  );
}
