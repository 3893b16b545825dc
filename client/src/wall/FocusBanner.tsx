import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import { useAlarmSourceText } from '../panels/use-alarm-source';
import { LEVEL_COLORS, css, textOn } from '../map/layers/palette';
import { useAppStore } from '../store/use-app-store';
import type { Focused } from './use-focus';
import { useAgencyName } from './use-agency-name';

/** The serious event the map is on: what, where, how bad, who reported it; the queue behind it. */
export function FocusBanner({ focused }: { focused: Focused | null }): ReactElement | null {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const waiting = useAppStore((s) => s.focusQueue.length);
  const hazards = useAppStore((s) => s.hazards);
  const sourceText = useAlarmSourceText();
  const agency = useAgencyName(
    focused?.kind === 'incident' ? focused.incident.agency : (focused?.alarm.agency ?? ''),
  );
  if (!focused) return null;
  if (focused.kind === 'incident') {
    const i = focused.incident;
    const color = LEVEL_COLORS[i.level];
    const c = i.casualties;
    return (
      <div
        className="focus-banner"
        data-testid="focus-banner"
        data-kind="incident"
        data-entity-id={i.id}
        data-reason={focused.item.reason}
        style={{ borderColor: css(color) }}
        role="alert"
      >
        <span
          className="focus-banner__level"
          style={{ background: css(color), color: css(textOn(color)) }}
        >
          {t(`incidentLevelLong.${i.level}`)}
        </span>
        <div className="focus-banner__body">
          <div className="focus-banner__reason" data-testid="focus-reason">
            {t(`focus.reason.${focused.item.reason}`)} · {t('focus.awaitingAck')}
          </div>
          <div className="focus-banner__title">
            {t(`incidentType.${i.type}`)} · {i.title}
          </div>
          <div className="focus-banner__meta">
            {[
              i.address,
              t(`incidentStatus.${i.status}`),
              t('focus.casualties', {
                dead: c.dead,
                injured: c.injured,
                missing: c.missing,
                trapped: c.trapped,
              }),
              agency,
              fmt.time(i.ts),
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
        {waiting > 0 && (
          <span className="focus-banner__queue">{t('focus.waiting', { count: waiting })}</span>
        )}
      </div>
    );
  }
  const a = focused.alarm;
  const hazard = a.hazardId ? hazards.get(a.hazardId) : undefined;
  return (
    <div
      className="focus-banner focus-banner--alarm"
      data-testid="focus-banner"
      data-kind="alarm"
      data-entity-id={a.id}
      data-reason={focused.item.reason}
      role="alert"
    >
      <span className="focus-banner__level focus-banner__level--alarm">{t('state.highhigh')}</span>
      <div className="focus-banner__body">
        <div className="focus-banner__reason" data-testid="focus-reason">
          {t(`focus.reason.${focused.item.reason}`)}
        </div>
        <div className="focus-banner__title">{sourceText(a)}</div>
        <div className="focus-banner__meta">
          {[
            hazard?.enterprise,
            a.metric
              ? `${t(`metric.${a.metric}`)} ${fmt.value(a.lastValue ?? 0)} ${a.unit ?? ''}`
              : undefined,
            t(`level.${a.level}`),
            agency,
            fmt.time(a.updatedAt),
          ]
            .filter(Boolean)
            .join(' · ')}
        </div>
      </div>
      {waiting > 0 && (
        <span className="focus-banner__queue">{t('focus.waiting', { count: waiting })}</span>
      )}
    </div>
  );
}
