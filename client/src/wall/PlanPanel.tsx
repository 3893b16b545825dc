import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { planProgress, type PlanFigure } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { useServerNow } from '../time/use-server-now';

function change(pct: number | null): string {
  if (pct === null) return '—';
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

function Row(props: { label: string; figure: PlanFigure; testId: string }): ReactElement {
  const { t } = useTranslation();
  const { label, figure, testId } = props;
  return (
    <tr data-testid={testId} data-ytd={figure.ytd} className={figure.onTrack ? 'ok' : 'over'}>
      <th scope="row">{label}</th>
      <td className="plan__ytd" data-testid={`${testId}-ytd`}>
        {figure.ytd}
      </td>
      <td data-testid={`${testId}-last-year`}>{figure.lastYearSamePeriod}</td>
      <td className={figure.changePct !== null && figure.changePct > 0 ? 'up' : 'down'}>
        {change(figure.changePct)}
      </td>
      <td>{figure.annualTarget}</td>
      <td className="plan__status">{figure.onTrack ? t('plan.onTrack') : t('plan.over')}</td>
    </tr>
  );
}

/**
 * 安全生产目标: this year's production-safety accidents and deaths (closed incidents) against last
 * year's same period and the plan's ceiling, and major accidents against none.
 */
export function PlanPanel(): ReactElement {
  const { t } = useTranslation();
  const plan = useAppStore((s) => s.wall?.config.plan);
  const incidents = useAppStore((s) => s.incidents);
  const minute = Math.floor(useServerNow() / 60_000);
  const progress = useMemo(
    () => (plan ? planProgress(incidents.values(), plan, Date.now()) : null),
    // `minute` re-evaluates it as the year goes on.
    [plan, incidents, minute],
  );
  return (
    <div className="panel plan" data-testid="plan">
      <h2 className="panel__title">
        {t('plan.title')}
        {progress && <span className="panel__sub">{t('plan.year', { year: progress.year })}</span>}
      </h2>
      {!progress || !plan ? (
        <div className="situation__empty">{t('plan.notConfigured')}</div>
      ) : (
        <>
          <table className="plan__table">
            <thead>
              <tr>
                <th />
                <th>{t('plan.ytd')}</th>
                <th>{t('plan.lastYear')}</th>
                <th>{t('plan.change')}</th>
                <th>{t('plan.target', { pct: plan.reductionPct })}</th>
                <th>{t('plan.status')}</th>
              </tr>
            </thead>
            <tbody>
              <Row
                label={t('plan.accidents')}
                figure={progress.accidents}
                testId="plan-accidents"
              />
              <Row label={t('plan.deaths')} figure={progress.deaths} testId="plan-deaths" />
            </tbody>
          </table>
          <div
            className={`plan__major ${progress.majorAccidents === 0 ? 'ok' : 'over'}`}
            data-testid="plan-major"
            data-value={progress.majorAccidents}
          >
            {t('plan.major', { count: progress.majorAccidents })}
            <span className="plan__status">
              {progress.majorAccidents === 0 ? t('plan.onTrack') : t('plan.over')}
            </span>
          </div>
        </>
      )}
    </div>
  );
}
