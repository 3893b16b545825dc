import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';
import { RiskLevel } from './riskarea';

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

/**
 * A storage tank whose contents count live in the GB 18218 grading: tonnes = capacity (m³) ×
 * level (%, from its level sensor) × density (t/m³).
 */
export const Tank = z.strictObject({
  id: LocalId,
  name: z.string().min(1).max(100).optional(),
  /** The chemical it holds: a CAS number (7782-50-5) or its name as GB 18218 表1 gives it (氯). */
  substance: z.string().min(1).max(100),
  /** Geometric capacity, m³. */
  capacity: z.number().finite().positive().max(1_000_000),
  /** Density of the contents as stored, t/m³ (liquid chlorine 1.47, liquid ammonia 0.61). */
  density: z.number().finite().positive().max(25),
  /** Id of this hazard's `level` sensor (unit %) that measures it. */
  levelSensor: LocalId,
});
export type Tank = z.infer<typeof Tank>;

/** `cc/v1/{agency}/hazard`: a major hazard source (重大危险源) and its monitoring points. */
export const HazardMessage = z
  .strictObject({
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
    /** Tanks whose levels make the grading live (GB 18218 q from capacity × level × density). */
    tanks: z
      .array(Tank)
      .max(64)
      .refine((t) => new Set(t.map((x) => x.id)).size === t.length, {
        message: 'tank ids must be unique',
      })
      .optional(),
    /**
     * Residents within 500 m of the site's boundary besides the registered places (GB 18218 表5's
     * head count for α): added to the people of the `place` entities within 500 m.
     */
    residents: z.number().int().min(0).max(10_000_000).optional(),
    /** The registered four-colour level (安全风险四色图); absent: derived from `grade`. */
    riskLevel: RiskLevel.optional(),
  })
  .superRefine((msg, ctx) => {
    const sensors = new Map(msg.sensors.map((s) => [s.id, s]));
    msg.tanks?.forEach((tank, i) => {
      const sensor = sensors.get(tank.levelSensor);
      if (!sensor || sensor.metric !== 'level' || sensor.unit !== '%') {
        ctx.addIssue({
          code: 'custom',
          path: ['tanks', i, 'levelSensor'],
          message: `${tank.levelSensor} is not a level sensor (metric "level", unit "%") of this hazard`,
        });
      }
    });
  });
export type HazardMessage = z.infer<typeof HazardMessage>;
