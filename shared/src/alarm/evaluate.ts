import type { Alarm, AlarmLevel, Reading, ReadingLevel, Sensor } from '../model/entities';
import { moreSevere, readingLevel } from './levels';

export interface SensorLive {
  /** The stored latest reading, if any. */
  reading?: Reading | undefined;
  /** The sensor's active alarm, if any. */
  alarm?: Alarm | undefined;
}

export interface Evaluation {
  reading: Reading;
  /** Alarms to store and announce, in order (raised, escalated, eased or cleared). */
  alarms: Alarm[];
}

function sameSide(a: AlarmLevel | 'offline', b: AlarmLevel): boolean {
  return a[0] === b[0];
}

function raise(
  sensor: Sensor,
  agency: string,
  level: AlarmLevel,
  ts: number,
  value: number,
): Alarm {
  return {
    id: `${sensor.id}@${ts}`,
    cause: 'threshold',
    sensorId: sensor.id,
    hazardId: sensor.hazardId,
    agency,
    metric: sensor.metric,
    unit: sensor.unit,
    status: 'active',
    level,
    peak: level,
    raisedAt: ts,
    raisedValue: value,
    lastValue: value,
    updatedAt: ts,
  };
}

function clear(alarm: Alarm, ts: number, value: number): Alarm {
  return { ...alarm, status: 'cleared', lastValue: value, updatedAt: ts, clearedAt: ts };
}

/**
 * Applies one reading to a sensor's live state: the new latest reading and the alarm changes it
 * causes. Pure: the caller stores the result atomically.
 */
export function evaluateReading(
  sensor: Sensor,
  agency: string,
  live: SensorLive,
  ts: number,
  value: number,
): Evaluation {
  const prevLevel: ReadingLevel = live.reading?.level ?? 'normal';
  const level = readingLevel(sensor.thresholds, prevLevel, value);
  const active = live.alarm?.status === 'active' ? live.alarm : undefined;
  const alarms: Alarm[] = [];
  let current: Alarm | undefined = active;

  if (level === 'normal') {
    if (active) alarms.push(clear(active, ts, value));
    current = undefined;
  } else if (!active) {
    current = raise(sensor, agency, level, ts, value);
    alarms.push(current);
  } else if (!sameSide(active.level, level)) {
    // Jumped from one side straight to the other: two different conditions, two alarms.
    alarms.push(clear(active, ts, value));
    current = raise(sensor, agency, level, ts, value);
    alarms.push(current);
  } else if (active.level !== level) {
    current = {
      ...active,
      level,
      peak: moreSevere(active.peak, level),
      lastValue: value,
      updatedAt: ts,
    };
    alarms.push(current);
  }

  const reading: Reading = { id: sensor.id, ts, value, level };
  if (current) reading.alarmId = current.id;
  return { reading, alarms };
}
