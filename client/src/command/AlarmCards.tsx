import { useEffect, useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { stage, type Alarm, type Hazard } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { alarmsNewestFirst } from '../store/derived';
import { useAppStore } from '../store/use-app-store';
import { useTablet } from './context';
import { keepOrder, useHeldWhileTouched } from './hold-while-touched';
import { openHazard, tabletUi, useTabletUi } from './ui-store';

/** What an alarm is about, in words: its hazard, or the feed that went silent. */
export function useAlarmSubject(): (alarm: Alarm, hazard: Hazard | undefined) => string {
  const { t } = useTranslation();
  return (alarm, hazard) =>
    alarm.cause === 'offline' && alarm.hazardId === undefined
      ? t('alarms.feedOffline', { agency: alarm.agency })
      : alarm.cause === 'order_timeout'
        ? t('feed.orderTimeout')
        : (hazard?.name ?? t('alarms.unknownHazard', { id: alarm.hazardId ?? alarm.agency }));
}

function AlarmCard({ alarm, hazard }: { alarm: Alarm; hazard: Hazard | undefined }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { canCommand } = useTablet();
  const subject = useAlarmSubject();
  const alarmStage = stage(alarm.level);
  const sensor = hazard?.sensors.find((s) => s.id === alarm.sensorId);
  return (
    <li
      className={`alarm-card alarm-card--stage${alarmStage}${alarm.cause === 'offline' ? ' alarm-card--offline' : ''}`}
      data-testid="alarm-card"
      data-alarm-id={alarm.id}
      data-acknowledged={alarm.acknowledged ? '1' : '0'}
      data-disposed={alarm.disposal ? '1' : '0'}
    >
      <div className="alarm-card__head">
        <span className="alarm-card__level">{t(`level.${alarm.level}`)}</span>
        {alarm.hazardId ? (
          <button
            type="button"
            className="alarm-card__subject"
            onClick={() => openHazard(tabletUi, alarm.hazardId!)}
          >
            {subject(alarm, hazard)}
          </button>
        ) : (
          <span className="alarm-card__subject">{subject(alarm, hazard)}</span>
        )}
        <span className="alarm-card__time">{fmt.time(alarm.raisedAt)}</span>
      </div>
      {alarm.metric && (
        <div className="alarm-card__line">
          {t(`metric.${alarm.metric}`)}
          {sensor?.name ? ` · ${sensor.name}` : ''}
          {alarm.lastValue !== undefined && (
            <strong>
              {' '}
              {fmt.value(alarm.lastValue)}
              {alarm.unit}
            </strong>
          )}
        </div>
      )}
      {alarm.acknowledged && (
        <div className="alarm-card__line alarm-card__ack" data-testid="alarm-ack">
          {t('command.alarms.acknowledgedBy', {
            by: alarm.acknowledged.by,
            time: fmt.time(alarm.acknowledged.at),
          })}
          {alarm.acknowledged.note && <q className="alarm-card__note">{alarm.acknowledged.note}</q>}
        </div>
      )}
      {alarm.disposal && (
        <div className="alarm-card__line alarm-card__disposal" data-testid="alarm-disposal">
          {t('command.alarms.disposedBy', {
            by: alarm.disposal.by,
            time: fmt.time(alarm.disposal.at),
          })}
          <q className="alarm-card__note">{alarm.disposal.note}</q>
        </div>
      )}
      {canCommand && (
        <div className="tablet-actions">
          <button
            type="button"
            className="tablet-btn"
            data-testid="alarm-handle"
            onClick={() => tabletUi.setState({ dialog: { kind: 'alarm', alarmId: alarm.id } })}
          >
            {alarm.acknowledged ? t('command.alarms.dispose') : t('command.alarms.handle')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Active alarms (all, or one hazard's), newest first, each with its acknowledgement and disposal. */
export function AlarmCards({ hazardId }: { hazardId?: string }): ReactElement {
  const { t } = useTranslation();
  const alarms = useAppStore((s) => s.alarms);
  const hazards = useAppStore((s) => s.hazards);
  const fresh = useMemo(
    () =>
      alarmsNewestFirst(alarms).filter((a) => hazardId === undefined || a.hazardId === hazardId),
    [alarms, hazardId],
  );
  // While a card is under the finger or its dialog is open, the list keeps its order: a new
  // alarm joins at the end until then, instead of pushing the card being handled away.
  const handling = useTabletUi((s) => s.dialog?.kind === 'alarm');
  const { held: touched, handlers } = useHeldWhileTouched(null);
  const holding = handling || touched;
  const lastOrder = useRef<readonly string[] | null>(null);
  const shown = keepOrder(holding ? lastOrder.current : null, fresh);
  useEffect(() => {
    lastOrder.current = shown.map((a) => a.id);
  });
  if (shown.length === 0) return <p className="tablet-empty">{t('alarms.empty')}</p>;
  return (
    <ul
      className="alarm-cards"
      data-testid="alarm-cards"
      data-count={shown.length}
      data-held={holding ? '1' : '0'}
      {...handlers}
    >
      {shown.map((a) => (
        <AlarmCard
          key={a.id}
          alarm={a}
          hazard={a.hazardId === undefined ? undefined : hazards.get(a.hazardId)}
        />
      ))}
    </ul>
  );
}

/** The alarm list panel. */
export function AlarmPanel(): ReactElement {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.alarms.size);
  return (
    <section className="tablet-section" data-testid="alarm-panel">
      <h2 className="tablet-section__title">
        {t('alarms.title')}
        <span className="tablet-count">{count}</span>
      </h2>
      <AlarmCards />
    </section>
  );
}
