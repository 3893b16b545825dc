import type { z } from 'zod';
import type { HazardMessage } from '@cc/shared';
import { BINJIANG_EAST_SITES } from './sites-binjiang-east';
import { BINJIANG_WEST_SITES } from './sites-binjiang-west';
import { SOUTH_AND_CITY_SITES } from './sites-south-and-city';
import { XINBEI_WUJIN_SITES } from './sites-xinbei-wujin';
import type { ScenarioSite } from './types';

export type { HazardInput, ScenarioSite, SensorProfile, SensorSpecInput, SimSensor } from './types';
export { CHEMICALS, type ChemicalKey } from './chemicals';

/**
 * The demonstration scenario: major hazard sources (重大危险源) of fictional enterprises spread
 * over Changzhou, most of them in the Binjiang chemical park. Each enterprise is its own agency.
 */
export const CHANGZHOU_SCENARIO: readonly ScenarioSite[] = [
  ...BINJIANG_WEST_SITES,
  ...BINJIANG_EAST_SITES,
  ...XINBEI_WUJIN_SITES,
  ...SOUTH_AND_CITY_SITES,
];

/** Changzhou's administrative extent (Liyang in the south-west to Xinbei on the Yangtze), WGS-84. */
export const CHANGZHOU_BBOX = { west: 119.13, south: 31.15, east: 120.22, north: 32.08 } as const;

/** The hazard message an enterprise publishes, stamped with its observation time. */
export function hazardMessage(site: ScenarioSite, ts: string): z.input<typeof HazardMessage> {
  return { ...site.hazard, ts };
}
