import { z } from 'zod';
import { Chemical, Metric, Thresholds } from '../feed/hazard';

/** `{agency}:{localId}`: an agency can never name another agency's entity. */
export function entityId(agency: string, localId: string): string {
  return `${agency}:${localId}`;
}

const LngLat = z.tuple([z.number(), z.number()]);

export const Sensor = z.object({
  id: z.string(),
  hazardId: z.string(),
  name: z.string().optional(),
  metric: Metric,
  unit: z.string(),
  thresholds: Thresholds,
  interval: z.number(),
});
export type Sensor = z.infer<typeof Sensor>;

/** A major hazard source as stored and shown: WGS-84, with its sensors' definitions. */
export const Hazard = z.object({
  id: z.string(),
  agency: z.string(),
  name: z.string(),
  enterprise: z.string(),
  grade: z.number().int(),
  address: z.string().optional(),
  chemicals: z.array(Chemical),
  location: LngLat,
  sensors: z.array(Sensor),
  /** Observation time, epoch ms. */
  ts: z.number(),
});
export type Hazard = z.infer<typeof Hazard>;

/**
 * Alarm level of a reading: H / HH above, L / LL below. The second letter doubles the stage:
 * H and L are first-stage (一级), HH and LL second-stage (二级).
 */
export const AlarmLevel = z.enum(['H', 'HH', 'L', 'LL']);
export type AlarmLevel = z.infer<typeof AlarmLevel>;
export type ReadingLevel = AlarmLevel | 'normal';

/** The latest reading of a sensor (telemetry: latest wins). */
export const Reading = z.object({
  id: z.string(),
  ts: z.number(),
  value: z.number(),
  level: z.union([AlarmLevel, z.literal('normal')]),
  /** The active alarm this reading keeps open, if any. */
  alarmId: z.string().optional(),
});
export type Reading = z.infer<typeof Reading>;

/** An alarm is an entity: raised by a reading, escalated or eased, and cleared by another. */
export const Alarm = z.object({
  id: z.string(),
  sensorId: z.string(),
  hazardId: z.string(),
  agency: z.string(),
  metric: Metric,
  unit: z.string(),
  status: z.enum(['active', 'cleared']),
  level: AlarmLevel,
  /** The most severe level reached while active. */
  peak: AlarmLevel,
  raisedAt: z.number(),
  raisedValue: z.number(),
  lastValue: z.number(),
  updatedAt: z.number(),
  clearedAt: z.number().optional(),
});
export type Alarm = z.infer<typeof Alarm>;

export type HazardState = 'normal' | 'high' | 'highhigh' | 'offline';
