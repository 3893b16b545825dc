import type { Alarm, Sensor } from '../model/entities';
import { OFFLINE_INTERVALS } from './hazard-state';

/** What the liveness decision looks at; all times epoch ms. */
export interface LivenessInput {
  now: number;
  /** Every registered sensor. */
  sensors: readonly Sensor[];
  /** Sensor id → observation time of its latest reading. */
  lastSeen: ReadonlyMap<string, number>;
  /** Hazard id → observation time of its registration: a sensor that never reported counts from it. */
  registeredAt: ReadonlyMap<string, number>;
  /** Subject (sensor id, or agency for a whole feed) → its active offline alarm. */
  active: ReadonlyMap<string, Alarm>;
}

/** One agency's offline alarms to clear (first) and raise (after), to be written together. */
export interface LivenessChange {
  agency: string;
  alarms: Alarm[];
}

/** The agency part of an entity id (`{agency}:{id}`). */
export function agencyOf(entityId: string): string {
  return entityId.slice(0, entityId.indexOf(':'));
}

/** What an offline alarm is about: its sensor, or its agency for a feed-wide one. */
export function offlineSubject(alarm: Alarm): string {
  return alarm.sensorId ?? alarm.agency;
}

export function clearOffline(alarm: Alarm, at: number): Alarm {
  return { ...alarm, status: 'cleared', updatedAt: at, clearedAt: at };
}

interface Silence {
  sensor: Sensor;
  /** When it was last heard (or registered). */
  since: number;
  /** When its silence became an outage. */
  deadline: number;
}

function offlineAlarm(agency: string, since: number, raisedAt: number, sensor?: Sensor): Alarm {
  return {
    id: `${sensor?.id ?? agency}@offline@${since}`,
    cause: 'offline',
    agency,
    ...(sensor
      ? { sensorId: sensor.id, hazardId: sensor.hazardId, metric: sensor.metric, unit: sensor.unit }
      : {}),
    status: 'active',
    level: 'offline',
    peak: 'offline',
    raisedAt,
    updatedAt: raisedAt,
  };
}

/** The offline alarms an agency's sensors call for: one per silent sensor, or one for the feed. */
function wanted(agency: string, silences: Silence[], total: number, now: number): Alarm[] {
  const silent = silences.filter((s) => now > s.deadline);
  if (silent.length === 0) return [];
  if (silent.length === total) {
    // The whole feed is silent: one alarm, not one per sensor. Ids derive from the data, so
    // every worker reaches the same decision.
    const since = Math.max(...silent.map((s) => s.since));
    return [offlineAlarm(agency, since, Math.max(...silent.map((s) => s.deadline)))];
  }
  return silent.map((s) => offlineAlarm(agency, s.since, s.deadline, s.sensor));
}

/**
 * Decides which offline alarms to raise and clear. A sensor is offline when silent longer than
 * OFFLINE_INTERVALS expected intervals; an agency all of whose sensors are offline gets one
 * feed-level alarm instead. Pure and deterministic (ids and times derive from the inputs), so
 * several workers deciding at once agree; the caller writes each change atomically.
 */
export function evaluateLiveness(input: LivenessInput): LivenessChange[] {
  const byAgency = new Map<string, Silence[]>();
  const totals = new Map<string, number>();
  for (const sensor of input.sensors) {
    const agency = agencyOf(sensor.id);
    totals.set(agency, (totals.get(agency) ?? 0) + 1);
    const since = input.lastSeen.get(sensor.id) ?? input.registeredAt.get(sensor.hazardId);
    if (since === undefined) continue;
    const deadline = since + sensor.interval * 1000 * OFFLINE_INTERVALS;
    const silences = byAgency.get(agency);
    if (silences) silences.push({ sensor, since, deadline });
    else byAgency.set(agency, [{ sensor, since, deadline }]);
  }
  const desired = new Map<string, Alarm>();
  for (const [agency, silences] of byAgency) {
    for (const a of wanted(agency, silences, totals.get(agency) ?? 0, input.now)) {
      desired.set(offlineSubject(a), a);
    }
  }

  const changes = new Map<string, Alarm[]>();
  const add = (a: Alarm) => {
    const alarms = changes.get(a.agency);
    if (alarms) alarms.push(a);
    else changes.set(a.agency, [a]);
  };
  for (const [subject, alarm] of input.active) {
    if (desired.get(subject)?.id !== alarm.id) add(clearOffline(alarm, input.now));
  }
  for (const [subject, alarm] of desired) {
    if (input.active.get(subject)?.id !== alarm.id) add(alarm);
  }
  return [...changes].map(([agency, alarms]) => ({ agency, alarms }));
}
