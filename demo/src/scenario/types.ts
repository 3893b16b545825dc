import type { z } from 'zod';
import type { HazardMessage, SensorSpec } from '@cc/shared';

/** A hazard message as the scenario defines it: everything but the observation time. */
export type HazardInput = Omit<z.input<typeof HazardMessage>, 'ts'>;
export type SensorSpecInput = z.input<typeof SensorSpec>;

/** How a simulated sensor behaves when nothing is wrong. */
export interface SensorProfile {
  /** The value the random walk reverts to; sits well inside the normal band. */
  baseline: number;
  /** Standard deviation of the walk around the baseline, in the sensor's unit. */
  noise: number;
  /** Physical limits: a reading never leaves them (a level cannot pass 100 %, a gas 0 ppm). */
  min: number;
  max: number;
  /** Digits kept in published readings, like the instrument's display resolution. */
  decimals: number;
}

/** One sensor of the scenario: what the enterprise declares, and how the simulator drives it. */
export interface SimSensor {
  spec: SensorSpecInput & { id: string };
  profile: SensorProfile;
}

/** One major hazard source published by one enterprise (agency). */
export interface ScenarioSite {
  /** The enterprise's agency id: it publishes under `{root}/{agency}/...`. */
  agency: string;
  hazard: HazardInput;
  /** Keyed by sensor id; one entry per sensor of `hazard`. */
  profiles: Readonly<Record<string, SensorProfile>>;
}
