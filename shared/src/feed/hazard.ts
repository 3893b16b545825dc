import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

/**
 * What a sensor measures: a major-hazard monitoring point (GB 18218 / AQ 3035), or one of a
 * weather station's observations (`wind_speed` m/s, `rain_1h` mm, `water_level` m), whose
 * thresholds raise alarms the same way.
 */
export const Metric = z.enum([
  'level',
  'temperature',
  'pressure',
  'gas_lel',
  'toxic_ppm',
  'wind_speed',
  'rain_1h',
  'water_level',
]);
export type Metric = z.infer<typeof Metric>;

/**
 * Alarm thresholds. `high` is the first-stage alarm (一级报警), `highHigh` the second (二级报警);
 * `low` / `lowLow` are the same on the low side (e.g. a tank level or a pressure that must not drop).
 * `deadband` is the hysteresis: an alarm clears only once the value is back past the threshold by it.
 */
export const Thresholds = z
  .strictObject({
    high: z.number().finite().optional(),
    highHigh: z.number().finite().optional(),
    low: z.number().finite().optional(),
    lowLow: z.number().finite().optional(),
    deadband: z.number().finite().min(0).optional(),
  })
  .refine((t) => t.high ?? t.highHigh ?? t.low ?? t.lowLow, {
    message: 'at least one threshold is required',
  })
  .refine(
    (t) => {
      const ordered = [t.lowLow, t.low, t.high, t.highHigh].filter((v) => v !== undefined);
      return ordered.every((v, i) => i === 0 || ordered[i - 1]! < v);
    },
    { message: 'thresholds must be ordered lowLow < low < high < highHigh' },
  );
export type Thresholds = z.infer<typeof Thresholds>;

export const SensorSpec = z.strictObject({
  id: LocalId,
  name: z.string().min(1).max(100).optional(),
  metric: Metric,
  unit: z.string().min(1).max(16),
  thresholds: Thresholds,
  /** Expected seconds between readings; silence past three intervals reads as offline. */
  interval: z.number().int().min(1).max(86_400).default(10),
});
export type SensorSpec = z.infer<typeof SensorSpec>;

export const Chemical = z.strictObject({
  name: z.string().min(1).max(100),
  cas: z
    .string()
    .regex(/^\d{2,7}-\d{2}-\d$/, 'CAS number such as 7782-50-5')
    .optional(),
  /** Quantity on site, tonnes. */
  tonnes: z.number().finite().min(0).optional(),
});

/** `cc/v1/{agency}/hazard`: a major hazard source (重大危险源) and its monitoring points. */
export const HazardMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  name: z.string().min(1).max(200),
  enterprise: z.string().min(1).max(200),
  /** GB 18218-2018 grade: 1 is the most dangerous. */
  grade: z.number().int().min(1).max(4),
  address: z.string().max(300).optional(),
  chemicals: z.array(Chemical).max(50).default([]),
  location: PointGeometry,
  sensors: z
    .array(SensorSpec)
    .min(1)
    .max(64)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, {
      message: 'sensor ids must be unique',
    }),
});
export type HazardMessage = z.infer<typeof HazardMessage>;
