import { useTranslation } from 'react-i18next';
import type { Alarm } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';

/**
 * What an overdue report's alarm is about, in words ("信息报送超时：首报 · 化工厂爆炸"); undefined
 * for any other alarm.
 */
export function useReportAlarmSubject(alarm: Alarm): string | undefined {
  const { t } = useTranslation();
  const report = useAppStore((s) => (alarm.reportId ? s.reports.get(alarm.reportId) : undefined));
  const incident = useAppStore((s) =>
    alarm.incidentId ? s.incidents.get(alarm.incidentId) : undefined,
  );
  if (alarm.cause !== 'report_overdue') return undefined;
  return t('alarms.reportOverdue', {
    stage: report ? t(`duty.stage.${report.stage}`, { seq: report.seq }) : '',
    title: incident?.title ?? alarm.incidentId ?? '',
  });
}
