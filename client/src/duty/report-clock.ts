import type { TFunction } from 'i18next';
import type { Report } from '@cc/shared';

/** A duration as h:mm:ss (or m:ss under an hour). Pure. */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** What a report's clock says now: time left, overdue by, or its status. Pure. */
export function clockText(report: Report, now: number, t: TFunction): string {
  if (report.status !== 'due') return t(`duty.status.${report.status}`);
  return now > report.dueAt
    ? t('duty.overdueBy', { time: span(now - report.dueAt) })
    : t('duty.dueIn', { time: span(report.dueAt - now) });
}

/** Due reports first, the nearest deadline first; then sent and cancelled, newest first. Pure. */
export function reportsByUrgency(reports: Iterable<Report>): Report[] {
  return [...reports].sort((a, b) => {
    const ad = a.status === 'due' ? 0 : 1;
    const bd = b.status === 'due' ? 0 : 1;
    if (ad !== bd) return ad - bd;
    return ad === 0 ? a.dueAt - b.dueAt : b.ts - a.ts;
  });
}
