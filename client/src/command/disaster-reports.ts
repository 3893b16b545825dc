import { FIGURE_NAMES, type DisasterFigures, type DisasterReport, type Incident } from '@cc/shared';

/** Disaster reports waiting for 核灾 (not 零报告), newest first. Pure. */
export function pendingDisasterReports(
  reports: ReadonlyMap<string, DisasterReport>,
): DisasterReport[] {
  return [...reports.values()]
    .filter((r) => r.type === 'disaster' && r.status === 'pending')
    .sort((a, b) => b.reportedAt - a.reportedAt || a.id.localeCompare(b.id));
}

/** Reports a report may be merged into: other disaster reports not merged themselves. Pure. */
export function mergeTargets(
  reports: ReadonlyMap<string, DisasterReport>,
  reportId: string,
): DisasterReport[] {
  return [...reports.values()]
    .filter(
      (r) =>
        r.id !== reportId &&
        r.type === 'disaster' &&
        (r.status === 'pending' || r.status === 'verified'),
    )
    .sort((a, b) => b.reportedAt - a.reportedAt);
}

/** Incidents a report may be linked to: the open ones, natural disasters first, newest first. */
export function linkTargets(incidents: ReadonlyMap<string, Incident>): Incident[] {
  return [...incidents.values()]
    .filter((i) => i.status !== 'closed')
    .sort(
      (a, b) =>
        Number(b.category === 'natural_disaster') - Number(a.category === 'natural_disaster') ||
        b.ts - a.ts,
    );
}

/**
 * The bureau's corrections: the figures typed that differ from the report's (an empty or
 * invalid field keeps the reported figure). Undefined when nothing changed. Pure.
 */
export function correctionsOf(
  figures: DisasterFigures,
  typed: Readonly<Record<string, string>>,
): Partial<DisasterFigures> | undefined {
  const out: Partial<DisasterFigures> = {};
  for (const name of FIGURE_NAMES) {
    const raw = typed[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value === figures[name]) continue;
    out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Figures typed that are no valid count or amount: their names. Pure. */
export function invalidFigures(typed: Readonly<Record<string, string>>): string[] {
  return FIGURE_NAMES.filter((name) => {
    const raw = typed[name]?.trim();
    if (raw === undefined || raw === '') return false;
    const value = Number(raw);
    const isAmount = name === 'cropHa' || name === 'lossWanYuan';
    return !Number.isFinite(value) || value < 0 || (!isAmount && !Number.isInteger(value));
  });
}

/** A report photo's address. */
export function disasterPhotoPath(photoId: string): string {
  return `/api/v1/disaster-reports/photos/${encodeURIComponent(photoId)}`;
}
