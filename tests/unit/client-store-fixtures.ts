// Builders shared by the client store tests (tests/unit/client-store-*.test.ts).
import type { Alarm, Hazard, Reading, Snapshot, StampedEvent } from '@cc/shared';

export function hazard(id: string, overrides: Partial<Hazard> = {}): Hazard {
  return {
    id,
    agency: 'safety',
    name: `危险源 ${id}`,
    enterprise: '常州示例化工有限公司',
    grade: 2,
    chemicals: [{ name: '液氯', cas: '7782-50-5', tonnes: 20 }],
    location: [119.95, 31.78],
    sensors: [
      {
        id: `${id}/s1`,
        hazardId: id,
        metric: 'pressure',
        unit: 'MPa',
        thresholds: { high: 1.2, highHigh: 1.5 },
        interval: 10,
      },
    ],
    ts: 1_000,
    ...overrides,
  };
}

export function reading(
  id: string,
  ts: number,
  value: number,
  level: Reading['level'] = 'normal',
): Reading {
  return { id, ts, value, level };
}

export function alarm(id: string, status: Alarm['status'], overrides: Partial<Alarm> = {}): Alarm {
  return {
    id,
    cause: 'threshold',
    sensorId: 'safety:h1/s1',
    hazardId: 'safety:h1',
    agency: 'safety',
    metric: 'pressure',
    unit: 'MPa',
    status,
    level: 'H',
    peak: 'H',
    raisedAt: 2_000,
    raisedValue: 1.3,
    lastValue: 1.3,
    updatedAt: 2_000,
    ...overrides,
  };
}

export function hazardEvent(id: string, data: Hazard): StampedEvent {
  return { id, kind: 'hazard', op: 'upsert', data };
}

export function alarmEvent(id: string, data: Alarm): StampedEvent {
  return { id, kind: 'alarm', op: 'upsert', data };
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    eventId: '1700000000000-0',
    at: 1_700_000_000_000,
    hazards: [hazard('safety:h1'), hazard('safety:h2')],
    readings: [reading('safety:h1/s1', 1_000, 0.8), reading('safety:h2/s1', 1_000, 0.9)],
    alarms: [],
    incidents: [],
    resources: [],
    positions: [],
    cameras: [],
    cameraHealth: [],
    warnings: [],
    riskareas: [],
    orders: [],
    places: [],
    stations: [],
    zones: [],
    hiddenhazards: [],
    duties: [],
    reports: [],
    stocks: [],
    ...overrides,
  };
}
