import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentStatus, type Incident } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useCommandLog, useTablet } from './context';
import { newCommandId } from './command-id';
import { tabletUi } from './ui-store';

const CASUALTIES = ['dead', 'injured', 'missing', 'trapped'] as const;

/** The status a pending `incident.status` command for this incident asks for, if any. */
function usePendingStatus(incidentId: string): string | undefined {
  return useCommandLog((s) => {
    for (const e of s.entries.values()) {
      const c = e.command;
      if (e.state === 'pending' && c.type === 'incident.status' && c.incidentId === incidentId)
        return c.status;
    }
    return undefined;
  });
}

/**
 * 已阅: the commander has seen the incident as it stands; the wall lets its focus go. Shown while
 * the incident is unacknowledged at its current level.
 */
function AcknowledgeButton({ incident }: { incident: Incident }): ReactElement | null {
  const { t } = useTranslation();
  const { log } = useTablet();
  const pending = useCommandLog((s) =>
    [...s.entries.values()].some(
      (e) =>
        e.state === 'pending' &&
        e.command.type === 'incident.acknowledge' &&
        e.command.incidentId === incident.id,
    ),
  );
  const done =
    incident.acknowledged !== undefined && incident.acknowledged.level === incident.level;
  if (done || incident.status === 'closed') return null;
  return (
    <button
      type="button"
      className="tablet-btn tablet-btn--primary"
      data-testid="acknowledge-incident"
      disabled={pending}
      onClick={() =>
        void log.submit({
          type: 'incident.acknowledge',
          commandId: newCommandId(),
          incidentId: incident.id,
        })
      }
    >
      {t('command.incident.acknowledge')}
    </button>
  );
}

/** What happened, where, to whom; its status, which a commander moves along; edit. */
export function IncidentSummary({ incident }: { incident: Incident }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { log, canCommand } = useTablet();
  const pending = usePendingStatus(incident.id);

  return (
    <div className="incident-summary" data-testid="incident-summary">
      <dl className="tablet-facts">
        <dt>{t('command.incident.type')}</dt>
        <dd>
          {t(`incidentType.${incident.type}`)} · {t(`incidentCategory.${incident.category}`)}
        </dd>
        <dt>{t('command.incident.level')}</dt>
        <dd>{t(`incidentLevelLong.${incident.level}`)}</dd>
        <dt>{t('command.incident.reportedBy')}</dt>
        <dd data-testid="incident-source">
          {incident.reportedBy ?? incident.agency} · {fmt.time(incident.ts)}
        </dd>
        {incident.address && (
          <>
            <dt>{t('command.incident.address')}</dt>
            <dd>{incident.address}</dd>
          </>
        )}
        {incident.description && (
          <>
            <dt>{t('command.incident.description')}</dt>
            <dd>{incident.description}</dd>
          </>
        )}
      </dl>
      <h3 className="tablet-subtitle">{t('command.incident.casualties')}</h3>
      <div className="casualties" data-testid="casualties">
        {CASUALTIES.map((k) => (
          <div
            key={k}
            className={`casualty casualty--${k}`}
            data-kind={k}
            data-value={incident.casualties[k]}
          >
            <span className="casualty__value">{incident.casualties[k]}</span>
            <span className="casualty__label">{t(`command.casualty.${k}`)}</span>
          </div>
        ))}
      </div>
      <h3 className="tablet-subtitle">{t('command.incident.status')}</h3>
      <div className="status-steps" data-testid="status-steps" data-status={incident.status}>
        {IncidentStatus.options.map((status) => {
          const current = incident.status === status;
          const waiting = pending === status;
          if (!canCommand)
            return (
              <span
                key={status}
                className={`status-step${current ? ' is-current' : ''}`}
                data-status={status}
              >
                {t(`incidentStatus.${status}`)}
              </span>
            );
          return (
            <button
              key={status}
              type="button"
              className={`status-step${current ? ' is-current' : ''}${waiting ? ' is-pending' : ''}`}
              data-testid="status-step"
              data-status={status}
              data-pending={waiting ? '1' : '0'}
              aria-pressed={current}
              disabled={current || pending !== undefined}
              onClick={() =>
                void log.submit({
                  type: 'incident.status',
                  commandId: newCommandId(),
                  incidentId: incident.id,
                  status,
                })
              }
            >
              {t(`incidentStatus.${status}`)}
              {waiting && <span className="pending-dot" aria-label={t('command.pending')} />}
            </button>
          );
        })}
      </div>
      {canCommand && (
        <div className="tablet-actions">
          <AcknowledgeButton incident={incident} />
          <button
            type="button"
            className="tablet-btn"
            data-testid="edit-incident"
            onClick={() => tabletUi.setState({ dialog: { kind: 'edit', incidentId: incident.id } })}
          >
            {t('command.incident.edit')}
          </button>
        </div>
      )}
    </div>
  );
}
