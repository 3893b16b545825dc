import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IncidentCategory,
  IncidentLevel,
  ResourceStatus,
  ResourceType,
  type Warning,
} from '@cc/shared';
import { countHazards } from '../store/derived';
import { useAppStore, useHazardStates } from '../store/use-app-store';
import { LEVEL_COLORS, RESOURCE_STATUS_COLORS, SIGNAL_COLORS, css } from '../map/layers/palette';

const SIGNAL_RANK = { red: 0, orange: 1, yellow: 2, blue: 3 } as const;

function Figure(props: {
  label: string;
  value: number;
  testId: string;
  swatch?: string;
  tone?: 'alarm' | 'offline';
}): ReactElement {
  const { label, value, testId, swatch, tone } = props;
  return (
    <div className={`figure${tone && value > 0 ? ` figure--${tone}` : ''}`}>
      {swatch && <span className="figure__swatch" style={{ background: swatch }} aria-hidden />}
      <span className="figure__label">{label}</span>
      <span className="figure__value" data-testid={testId} data-value={value}>
        {value}
      </span>
    </div>
  );
}

/** Counts of open incidents by level and category. */
function IncidentFigures(): ReactElement {
  const { t } = useTranslation();
  const incidents = useAppStore((s) => s.incidents);
  const { byLevel, byCategory, open } = useMemo(() => {
    const byLevel = new Map<string, number>();
    const byCategory = new Map<string, number>();
    let open = 0;
    for (const i of incidents.values()) {
      if (i.status === 'closed') continue;
      open += 1;
      byLevel.set(i.level, (byLevel.get(i.level) ?? 0) + 1);
      byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + 1);
    }
    return { byLevel, byCategory, open };
  }, [incidents]);
  return (
    <section className="situation__group" data-testid="situation-incidents" data-open={open}>
      <h3 className="situation__heading">
        {t('wall.incidents')} <span className="situation__total">{open}</span>
      </h3>
      <div className="figures figures--2">
        {IncidentLevel.options.map((level) => (
          <Figure
            key={level}
            label={t(`incidentLevelLong.${level}`)}
            value={byLevel.get(level) ?? 0}
            testId={`incidents-level-${level}`}
            swatch={css(LEVEL_COLORS[level])}
          />
        ))}
      </div>
      <div className="figures figures--2 figures--categories">
        {IncidentCategory.options.map((category) => (
          <Figure
            key={category}
            label={t(`incidentCategory.${category}`)}
            value={byCategory.get(category) ?? 0}
            testId={`incidents-category-${category}`}
          />
        ))}
      </div>
    </section>
  );
}

/** Resources by status, and the types most present. */
function ResourceFigures(): ReactElement {
  const { t } = useTranslation();
  const resources = useAppStore((s) => s.resources);
  const { byStatus, byType } = useMemo(() => {
    const byStatus = new Map<string, number>();
    const byType = new Map<string, number>();
    for (const r of resources.values()) {
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    }
    return { byStatus, byType };
  }, [resources]);
  const types = ResourceType.options
    .filter((type) => (byType.get(type) ?? 0) > 0)
    .sort((a, b) => (byType.get(b) ?? 0) - (byType.get(a) ?? 0))
    .slice(0, 8);
  return (
    <section
      className="situation__group"
      data-testid="situation-resources"
      data-total={resources.size}
    >
      <h3 className="situation__heading">
        {t('wall.resources')} <span className="situation__total">{resources.size}</span>
      </h3>
      <div className="figures figures--3">
        {ResourceStatus.options.map((status) => (
          <Figure
            key={status}
            label={t(`resourceStatus.${status}`)}
            value={byStatus.get(status) ?? 0}
            testId={`resources-status-${status}`}
            swatch={css(RESOURCE_STATUS_COLORS[status])}
          />
        ))}
      </div>
      <div className="figures figures--4 figures--small">
        {types.map((type) => (
          <Figure
            key={type}
            label={t(`resourceType.${type}`)}
            value={byType.get(type) ?? 0}
            testId={`resources-type-${type}`}
          />
        ))}
      </div>
    </section>
  );
}

function HazardFigures(): ReactElement {
  const { t } = useTranslation();
  const states = useHazardStates();
  const counts = useMemo(() => countHazards(states), [states]);
  return (
    <section className="situation__group" data-testid="situation-hazards">
      <h3 className="situation__heading">{t('counts.hazards')}</h3>
      <div className="figures figures--3">
        <Figure label={t('wall.total')} value={counts.total} testId="hazard-count" />
        <Figure
          label={t('counts.inAlarm')}
          value={counts.inAlarm}
          testId="alarm-count"
          tone="alarm"
        />
        <Figure
          label={t('counts.offline')}
          value={counts.offline}
          testId="offline-count"
          tone="offline"
        />
      </div>
    </section>
  );
}

function WarningList(): ReactElement {
  const { t } = useTranslation();
  const warnings = useAppStore((s) => s.warnings);
  const list = useMemo(
    () =>
      [...warnings.values()].sort(
        (a: Warning, b: Warning) => SIGNAL_RANK[a.signal] - SIGNAL_RANK[b.signal] || b.ts - a.ts,
      ),
    [warnings],
  );
  return (
    <section className="situation__group" data-testid="situation-warnings" data-count={list.length}>
      <h3 className="situation__heading">
        {t('wall.warnings')} <span className="situation__total">{list.length}</span>
      </h3>
      {list.length === 0 ? (
        <div className="situation__empty">{t('wall.noWarnings')}</div>
      ) : (
        <ul className="warning-list">
          {list.slice(0, 4).map((w) => (
            <li
              key={w.id}
              className="warning-item"
              data-testid="warning-item"
              data-signal={w.signal}
            >
              <span
                className="warning-item__signal"
                style={{ background: css(SIGNAL_COLORS[w.signal]) }}
              >
                {t(`signal.${w.signal}`)}
              </span>
              <span className="warning-item__event">
                {t('map.warningLabel', { event: w.event, signal: t(`signal.${w.signal}`) })}
              </span>
            </li>
          ))}
          {list.length > 4 && (
            <li className="warning-item warning-item--more">
              {t('wall.more', { count: list.length - 4 })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

/** The situation at a glance: incidents, resources, hazards, warnings in force. */
export function SituationPanel(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="panel situation" data-testid="situation">
      <h2 className="panel__title">{t('wall.situation')}</h2>
      <IncidentFigures />
      <ResourceFigures />
      <HazardFigures />
      <WarningList />
    </div>
  );
}
