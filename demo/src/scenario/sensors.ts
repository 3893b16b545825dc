import type { SensorProfile, SimSensor } from './types';

interface Named {
  id: string;
  name: string;
  /** Declared seconds between readings (the simulator may publish more often). */
  interval?: number;
}

interface Band {
  high: number;
  highHigh: number;
  low?: number;
  lowLow?: number;
  deadband: number;
}

function sensor(
  o: Named,
  metric: SimSensor['spec']['metric'],
  unit: string,
  band: Band,
  profile: SensorProfile,
  defaultInterval: number,
): SimSensor {
  const { high, highHigh, low, lowLow, deadband } = band;
  return {
    spec: {
      id: o.id,
      name: o.name,
      metric,
      unit,
      // exactOptionalPropertyTypes: leave absent thresholds out rather than set them to undefined.
      thresholds: {
        ...(lowLow === undefined ? {} : { lowLow }),
        ...(low === undefined ? {} : { low }),
        high,
        highHigh,
        deadband,
      },
      interval: o.interval ?? defaultInterval,
    },
    profile,
  };
}

/** Tank level in %: H 85 / HH 95 (overfill); `lowAlarm` adds L 10 / LL 5 (pump running dry). */
export function tankLevel(o: Named & { baseline: number; lowAlarm?: boolean }): SimSensor {
  const low = o.lowAlarm === true ? { low: 10, lowLow: 5 } : {};
  return sensor(
    o,
    'level',
    '%',
    { ...low, high: 85, highHigh: 95, deadband: 1 },
    { baseline: o.baseline, noise: 0.6, min: 0, max: 100, decimals: 1 },
    10,
  );
}

/** Temperature in °C of a tank, a vessel or a reactor. */
export function temperature(
  o: Named & Omit<Band, 'deadband'> & { baseline: number; noise?: number; max?: number },
): SimSensor {
  const { high, highHigh, low, lowLow } = o;
  return sensor(
    o,
    'temperature',
    '°C',
    { high, highHigh, ...optional('low', low), ...optional('lowLow', lowLow), deadband: 1 },
    { baseline: o.baseline, noise: o.noise ?? 0.3, min: -40, max: o.max ?? 200, decimals: 1 },
    10,
  );
}

/** Gauge pressure in MPa; `max` is the vessel's physical ceiling (relief valve / design pressure). */
export function pressure(
  o: Named & Omit<Band, 'deadband'> & { baseline: number; max: number; deadband?: number },
): SimSensor {
  const { high, highHigh, low, lowLow } = o;
  const span = highHigh - (lowLow ?? 0);
  return sensor(
    o,
    'pressure',
    'MPa',
    {
      high,
      highHigh,
      ...optional('low', low),
      ...optional('lowLow', lowLow),
      deadband: o.deadband ?? round(span * 0.02, 3),
    },
    { baseline: o.baseline, noise: round(span * 0.008, 4), min: 0, max: o.max, decimals: 3 },
    5,
  );
}

/** Combustible gas in %LEL: first alarm 25 %LEL, second 50 %LEL (GB/T 50493-2019). */
export function combustibleGas(o: Named & { baseline?: number }): SimSensor {
  return sensor(
    o,
    'gas_lel',
    '%LEL',
    { high: 25, highHigh: 50, deadband: 2 },
    { baseline: o.baseline ?? 1, noise: 0.5, min: 0, max: 100, decimals: 1 },
    5,
  );
}

/**
 * Toxic gas set points in ppm, after GB/T 50493: first stage at about the occupational exposure
 * limit, second at about twice it. Background levels are what a healthy plant shows.
 */
const TOXIC = {
  chlorine: {
    band: { high: 1, highHigh: 2, deadband: 0.1 },
    profile: { baseline: 0.05, noise: 0.02, min: 0, max: 20, decimals: 2 },
  },
  ammonia: {
    band: { high: 20, highHigh: 40, deadband: 2 },
    profile: { baseline: 2, noise: 0.8, min: 0, max: 500, decimals: 1 },
  },
  hydrogenSulfide: {
    band: { high: 10, highHigh: 20, deadband: 1 },
    profile: { baseline: 0.5, noise: 0.2, min: 0, max: 100, decimals: 1 },
  },
  acrylonitrile: {
    band: { high: 2, highHigh: 4, deadband: 0.2 },
    profile: { baseline: 0.1, noise: 0.04, min: 0, max: 50, decimals: 2 },
  },
  ethyleneOxide: {
    band: { high: 1, highHigh: 2, deadband: 0.1 },
    profile: { baseline: 0.05, noise: 0.02, min: 0, max: 20, decimals: 2 },
  },
  carbonMonoxide: {
    band: { high: 24, highHigh: 48, deadband: 2 },
    profile: { baseline: 1.5, noise: 0.6, min: 0, max: 1000, decimals: 1 },
  },
} satisfies Record<string, { band: Band; profile: SensorProfile }>;
export type ToxicGas = keyof typeof TOXIC;

/** Toxic gas concentration in ppm, with set points for the named gas. */
export function toxicGas(o: Named & { gas: ToxicGas }): SimSensor {
  const preset = TOXIC[o.gas];
  return sensor(o, 'toxic_ppm', 'ppm', preset.band, { ...preset.profile }, 5);
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
