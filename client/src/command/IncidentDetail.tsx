import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { IncidentSummary } from './IncidentSummary';
import { SupportPanel } from './SupportPanel';
import { TimelinePanel } from './TimelinePanel';
import { UnitsPanel } from './UnitsPanel';
import { incidentReportHref } from '../report/route';
import { goBack, tabletUi, type DetailTab } from './ui-store';

const TABS: readonly DetailTab[] = ['summary', 'support', 'units', 'timeline'];

/** One incident: its head, and tabs for the summary, decision support, units and timeline. */
export function IncidentDetail({
  incidentId,
  tab,
}: {
  incidentId: string;
  tab: DetailTab;
}): ReactElement {
  const { t } = useTranslation();
  const incident = useAppStore((s) => s.incidents.get(incidentId));
  return (
    <section
      className="tablet-section incident-detail"
      data-testid="incident-detail"
      data-incident-id={incidentId}
      data-status={incident?.status ?? ''}
    >
      <div className="incident-detail__head">
        <button
          type="button"
          className="tablet-btn tablet-btn--icon"
          data-testid="back"
          aria-label={t('command.back')}
          onClick={() => goBack(tabletUi)}
        >
          ‹
        </button>
        {incident ? (
          <>
            <span className={`level-tag level-tag--${incident.level}`}>
              {t(`incidentLevel.${incident.level}`)}
            </span>
            <h2 className="incident-detail__title" data-testid="incident-title">
              {incident.title}
            </h2>
            <a
              className="tablet-btn"
              data-testid="incident-report-link"
              href={incidentReportHref(
                incidentId,
                new URLSearchParams(window.location.search).get('lang') ?? undefined,
              )}
            >
              {t('incidentReport.open')}
            </a>
          </>
        ) : (
          <h2 className="incident-detail__title">{t('command.incident.gone')}</h2>
        )}
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            className={`tab${tab === id ? ' is-active' : ''}`}
            aria-selected={tab === id}
            data-testid={`tab-${id}`}
            onClick={() => tabletUi.setState({ panel: { kind: 'incident', incidentId, tab: id } })}
          >
            {t(`command.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div className="incident-detail__body">
        {incident && tab === 'summary' && <IncidentSummary incident={incident} />}
        {incident && tab === 'support' && <SupportPanel incident={incident} />}
        {tab === 'units' && <UnitsPanel incidentId={incidentId} />}
        {tab === 'timeline' && <TimelinePanel incidentId={incidentId} />}
      </div>
    </section>
  );
}
