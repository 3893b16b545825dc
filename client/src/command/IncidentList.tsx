import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentLevel, IncidentStatus, IncidentType, type Incident } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useAppStore } from '../store/use-app-store';
import { Select } from './controls';
import { listIncidents, type IncidentFilter, type IncidentSort } from './incident-filters';
import { openIncident, tabletUi, useTabletUi } from './ui-store';

function Casualties({ incident }: { incident: Incident }): ReactElement | null {
  const { t } = useTranslation();
  const c = incident.casualties;
  if (c.dead + c.injured + c.missing + c.trapped === 0) return null;
  return (
    <span className="incident-row__harm">
      {t('command.casualtiesShort', {
        dead: c.dead,
        injured: c.injured,
        trapped: c.trapped + c.missing,
      })}
    </span>
  );
}

function IncidentRow({ incident }: { incident: Incident }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <li>
      <button
        type="button"
        className={`incident-row incident-row--${incident.level}`}
        data-testid="incident-row"
        data-incident-id={incident.id}
        data-level={incident.level}
        data-status={incident.status}
        onClick={() => openIncident(tabletUi, incident.id)}
      >
        <span className={`level-tag level-tag--${incident.level}`}>
          {t(`incidentLevel.${incident.level}`)}
        </span>
        <span className="incident-row__title">{incident.title}</span>
        <span className="incident-row__time">{fmt.time(incident.ts)}</span>
        <span className="incident-row__meta">
          {t(`incidentType.${incident.type}`)} · {t(`incidentStatus.${incident.status}`)}
          <Casualties incident={incident} />
        </span>
      </button>
    </li>
  );
}

/** Incidents with filters (status, level, type) and an order (time or severity). */
export function IncidentList(): ReactElement {
  const { t } = useTranslation();
  const incidents = useAppStore((s) => s.incidents);
  const filter = useTabletUi((s) => s.filter);
  const sort = useTabletUi((s) => s.sort);
  const shown = useMemo(
    () => listIncidents(incidents.values(), filter, sort),
    [incidents, filter, sort],
  );
  const setFilter = (change: Partial<IncidentFilter>) =>
    tabletUi.setState((s) => ({ filter: { ...s.filter, ...change } }));
  const all = t('command.filter.all');

  return (
    <section
      className="tablet-section incident-list"
      data-testid="incident-list"
      data-count={shown.length}
    >
      <h2 className="tablet-section__title">
        {t('command.incidents.title')}
        <span className="tablet-count">{shown.length}</span>
      </h2>
      <div className="incident-list__filters">
        <Select
          testId="filter-status"
          label={t('command.filter.status')}
          value={filter.status}
          options={[
            { value: 'open', label: t('command.filter.open') },
            { value: 'all', label: all },
            ...IncidentStatus.options.map((v) => ({ value: v, label: t(`incidentStatus.${v}`) })),
          ]}
          onChange={(status) => setFilter({ status })}
        />
        <Select
          testId="filter-level"
          label={t('command.filter.level')}
          value={filter.level}
          options={[
            { value: 'all', label: all },
            ...IncidentLevel.options.map((v) => ({ value: v, label: t(`incidentLevel.${v}`) })),
          ]}
          onChange={(level) => setFilter({ level })}
        />
        <Select
          testId="filter-type"
          label={t('command.filter.type')}
          value={filter.type}
          options={[
            { value: 'all', label: all },
            ...IncidentType.options.map((v) => ({ value: v, label: t(`incidentType.${v}`) })),
          ]}
          onChange={(type) => setFilter({ type })}
        />
        <Select<IncidentSort>
          testId="sort"
          label={t('command.sort.label')}
          value={sort}
          options={[
            { value: 'time', label: t('command.sort.time') },
            { value: 'severity', label: t('command.sort.severity') },
          ]}
          onChange={(value) => tabletUi.setState({ sort: value })}
        />
      </div>
      {shown.length === 0 ? (
        <p className="tablet-empty">{t('command.incidents.empty')}</p>
      ) : (
        <ul className="incident-list__items">
          {shown.map((i) => (
            <IncidentRow key={i.id} incident={i} />
          ))}
        </ul>
      )}
      <p className="tablet-hint">{t('command.incidents.longPressHint')}</p>
    </section>
  );
}
