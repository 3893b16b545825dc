import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

/**
 * What a station is: a meteorological station (气象站, wind, rain, temperature), a rain gauge
 * (雨量站), or a river or lake water-level gauge (河道 / 湖泊水位站).
 */
export const StationType = z.enum(['met', 'rain', 'river', 'lake']);
export type StationType = z.infer<typeof StationType>;

export const Wind = z.strictObject({
  /** Metres per second, 10-minute mean. */
  speed: z.number().finite().min(0).max(120),
  /** Where the wind blows FROM, degrees clockwise from true north (meteorological convention). */
  direction: z.number().finite().min(0).max(360),
});
export type Wind = z.infer<typeof Wind>;

/**
 * `cc/v1/{agency}/weather`: one observation of a meteorological or hydrological station (water
 * conservancy, meteorology). Telemetry-like: the latest observation wins; thresholds on wind
 * speed, hourly rain and water level raise alarms like a sensor's. Every field but identity,
 * time, kind, name and location is optional: a station sends what it measures.
 */
export const WeatherMessage = z
  .strictObject({
    id: LocalId,
    ts: ObservedAt,
    crs: Crs.default('WGS84'),
    type: StationType,
    name: z.string().min(1).max(200),
    location: PointGeometry,
    wind: Wind.optional(),
    /** Rainfall over the last hour, mm. */
    rain1h: z.number().finite().min(0).max(500).optional(),
    /** Rainfall over the last 24 hours, mm. */
    rain24h: z.number().finite().min(0).max(2000).optional(),
    /** Air temperature, °C. */
    temperature: z.number().finite().min(-60).max(60).optional(),
    /** Water level, metres above the datum the station uses (a gauge). */
    waterLevel: z.number().finite().min(-100).max(10_000).optional(),
    /** 警戒水位: the warning level of this gauge, same datum. */
    warningLevel: z.number().finite().min(-100).max(10_000).optional(),
    /** 保证水位: the guaranteed (design) level of this gauge, same datum. */
    guaranteedLevel: z.number().finite().min(-100).max(10_000).optional(),
  })
  .refine(
    (m) =>
      m.warningLevel === undefined ||
      m.guaranteedLevel === undefined ||
      m.warningLevel < m.guaranteedLevel,
    { message: 'warningLevel must be below guaranteedLevel', path: ['guaranteedLevel'] },
  );
export type WeatherMessage = z.infer<typeof WeatherMessage>;
