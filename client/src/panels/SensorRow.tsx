import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFLINE_INTERVALS, stage } from '@cc/shared';
import type { Reading, Sensor } from '@cc/shared';
import { useFormatters } from '../i18n/format';

const THRESHOLD_KEYS = [
  ['LL', 'lowLow'],
  ['L', 'low'],
  ['H', 'high'],
  ['HH', 'highHigh'],
] as const;

interface SensorRowProps {
  sensor: Sensor;
  reading: Reading | undefined;
  now: number;
}

/** One monitoring point: live value, unit, level and thresholds. */
export function SensorRow({ sensor, reading, now }: SensorRowProps): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const offline =
    reading === undefined || now - reading.ts > sensor.interval * 1000 * OFFLINE_INTERVALS;
  const level = reading?.level ?? 'none';
  const thresholds = THRESHOLD_KEYS.flatMap(([code, key]) => {
    const v = sensor.thresholds[key];
    return v === undefined ? [] : [`${code} ${fmt.value(v)}`];
  });

  return (
    <tr
      className={`sensor sensor--stage${reading ? stage(reading.level) : 0}${offline ? ' sensor--offline' : ''}`}
      data-testid="sensor-row"
      data-sensor-id={sensor.id}
      data-level={level}
      data-offline={offline ? '1' : '0'}
    >
      <td className="sensor__name">
        {t(`metric.${sensor.metric}`)}
        {sensor.name && <span className="sensor__sub">{sensor.name}</span>}
      </td>
      <td className="sensor__value">
        {reading ? fmt.value(reading.value) : t('detail.none')}
        <span className="unit">{sensor.unit}</span>
        {reading && <span className="sensor__sub">{fmt.time(reading.ts)}</span>}
      </td>
      <td className="sensor__level">
        <span className="level-pill">
          {reading ? t(`level.${reading.level}`) : t('detail.noReading')}
        </span>
      </td>
      <td className="sensor__thresholds">{thresholds.join(' · ')}</td>
    </tr>
  );
}
