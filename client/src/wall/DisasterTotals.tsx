import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisasterTotal, ReporterArea } from '@cc/shared';
import { getJson } from '../command/api';
import { useAppStore } from '../store/use-app-store';

interface Totals {
  date: string;
  districts: DisasterTotal[];
  incidents: (DisasterTotal & { incidentId: string })[];
  pending: number;
  missing: ReporterArea[];
}

/** A total in one line: people affected, dead/missing, relocated, direct loss. */
function Line(props: { label: string; total: DisasterTotal; testId: string }): ReactElement {
  const { t } = useTranslation();
  const f = props.total.figures;
  return (
    <li className="disaster-totals__row" data-testid={props.testId} data-names={props.label}>
      <span className="disaster-totals__name">{props.label}</span>
      <span>
        {t('officer.figures.affected')} {f.affected} · {t('officer.figures.dead')} {f.dead} ·{' '}
        {t('officer.figures.missing')} {f.missing} · {t('officer.figures.relocated')} {f.relocated}{' '}
        · {t('officer.figures.lossWanYuan')} {f.lossWanYuan}
      </span>
    </li>
  );
}

/**
 * 灾情统计: verified disaster-officer figures for the open natural-disaster incidents and per
 * district, the reports waiting for 核灾, and the towns that have not reported today (零报告
 * missing). Read from the server's totals, again whenever a report changes in the live picture.
 */
export function DisasterTotals(): ReactElement | null {
  const { t, i18n } = useTranslation();
  const sep = i18n.language.startsWith('zh') ? '、' : ', ';
  const reports = useAppStore((s) => s.disasterreports);
  const incidents = useAppStore((s) => s.incidents);
  const [totals, setTotals] = useState<Totals | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      getJson('/api/v1/disaster-reports/totals').then(
        (body) => live && setTotals(body as Totals),
        () => undefined,
      );
    void load();
    // The missing list changes with the day too, not only with reports.
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [reports]);
  const natural = useMemo(
    () =>
      [...incidents.values()].filter(
        (i) => i.category === 'natural_disaster' && i.status !== 'closed',
      ),
    [incidents],
  );
  if (!totals) return null;
  const byIncident = new Map(totals.incidents.map((x) => [x.incidentId, x]));
  const shownIncidents = natural.flatMap((i) => {
    const total = byIncident.get(i.id);
    return total ? [{ incident: i, total }] : [];
  });
  if (
    shownIncidents.length === 0 &&
    totals.districts.length === 0 &&
    totals.missing.length === 0 &&
    totals.pending === 0
  ) {
    return null;
  }
  return (
    <section className="situation__group disaster-totals" data-testid="disaster-totals">
      <h3 className="situation__heading">
        {t('officer.wall.title')}{' '}
        {totals.pending > 0 && (
          <span className="situation__total" data-testid="disaster-pending">
            {t('officer.wall.pending', { count: totals.pending })}
          </span>
        )}
      </h3>
      <ul className="disaster-totals__list">
        {shownIncidents.map(({ incident, total }) => (
          <Line
            key={incident.id}
            label={incident.title}
            total={total}
            testId="disaster-incident-total"
          />
        ))}
        {totals.districts.map((d) => (
          <Line key={d.code} label={d.name} total={d} testId="disaster-district-total" />
        ))}
      </ul>
      <p
        className={totals.missing.length > 0 ? 'disaster-totals__missing' : undefined}
        data-testid="disaster-missing"
        data-names={totals.missing.map((a) => a.name).join('|')}
      >
        {totals.missing.length > 0
          ? t('officer.wall.missing', { names: totals.missing.map((a) => a.name).join(sep) })
          : t('officer.wall.allReported')}
      </p>
    </section>
  );
}
