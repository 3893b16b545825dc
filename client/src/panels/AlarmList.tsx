import { useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { useFit } from '../wall/use-fit';
import { useTranslation } from 'react-i18next';
import { stage } from '@cc/shared';
import type { Alarm, Hazard } from '@cc/shared';
import { useReportAlarmSubject } from '../duty/report-alarm';
import { useFormatters } from '../i18n/format';
import { useAlarmSourceText } from './use-alarm-source';
import { alarmsNewestFirst } from '../store/derived';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';

interface AlarmItemProps {
  alarm: Alarm;
  hazard: Hazard | undefined;
  selected: boolean;
  onFocus: (hazardId: string) => void;
}

function AlarmItem({ alarm, hazard, selected, onFocus }: AlarmItemProps): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const alarmStage = stage(alarm.level);
  const offline = alarm.cause === 'offline';
  const overdueReport = useReportAlarmSubject(alarm);
  const sourceText = useAlarmSourceText();
  // A feed-wide offline alarm names no hazard: it is about the agency's whole feed.
  const subject =
    overdueReport ??
    (offline && alarm.hazardId === undefined
      ? t('alarms.feedOffline', { agency: alarm.agency })
      : sourceText(alarm));
  const sensorName = hazard?.sensors.find((s) => s.id === alarm.sensorId)?.name;
  return (
    <li>
      <button
        type="button"
        className={`alarm alarm--stage${alarmStage}${offline ? ' alarm--offline' : ''}${selected ? ' alarm--selected' : ''}`}
        data-testid="alarm-item"
        data-hazard-id={alarm.hazardId}
        data-alarm-id={alarm.id}
        data-level={alarm.level}
        data-stage={alarmStage}
        data-cause={alarm.cause}
        onClick={() => alarm.hazardId && onFocus(alarm.hazardId)}
      >
        <span className="alarm__stage">
          {offline ? t('level.offline') : t(`stage.${alarmStage}`)}
        </span>
        <span className="alarm__hazard">{subject}</span>
        <span className="alarm__time">{fmt.time(alarm.raisedAt)}</span>
        <span className="alarm__metric">
          {alarm.metric ? t(`metric.${alarm.metric}`) : ''}
          {sensorName ? ` · ${sensorName}` : ''}
          <span className="alarm__level"> {t(`level.${alarm.level}`)}</span>
        </span>
        {!offline && alarm.lastValue !== undefined && (
          <span className="alarm__value">
            {fmt.value(alarm.lastValue)}
            <span className="unit">{alarm.unit}</span>
          </span>
        )}
      </button>
    </li>
  );
}

/** Active alarms, newest first; clicking one selects its hazard and flies the map to it. */
export function AlarmList(): ReactElement {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const alarms = useAppStore((s) => s.alarms);
  const hazards = useAppStore((s) => s.hazards);
  const selectedId = useAppStore((s) => s.selectedHazardId);
  const sorted = useMemo(() => alarmsNewestFirst(alarms), [alarms]);
  const onFocus = (hazardId: string): void => store.getState().focusHazard(hazardId);
  // Never scrolls on the wall: as many as fit, then how many more.
  const box = useRef<HTMLElement>(null);
  const shown = useFit(box, sorted, sorted.length);

  return (
    <section
      ref={box}
      className="panel alarm-list"
      data-testid="alarm-list"
      data-count={sorted.length}
      data-shown={shown}
    >
      <h2 className="panel__title">
        {t('alarms.title')}
        <span className={`pill${sorted.length > 0 ? ' pill--alarm' : ''}`}>{sorted.length}</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="panel__empty">{t('alarms.empty')}</p>
      ) : (
        <ul className="alarm-list__items">
          {sorted.slice(0, shown).map((alarm) => (
            <AlarmItem
              key={alarm.id}
              alarm={alarm}
              hazard={alarm.hazardId === undefined ? undefined : hazards.get(alarm.hazardId)}
              selected={alarm.hazardId === selectedId}
              onFocus={onFocus}
            />
          ))}
          {shown < sorted.length && (
            <li className="alarm-list__more" data-testid="alarm-list-more">
              {t('wall.more', { count: sorted.length - shown })}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
