import { CHEMICALS, type ChemicalKey } from './chemicals';
import type { ScenarioSite, SensorProfile, SimSensor } from './types';

export interface SiteDefinition {
  agency: string;
  /** The enterprise's register number of the hazard source. */
  id: string;
  /** Name of the hazard source (unit, tank farm, storage station). */
  name: string;
  enterprise: string;
  /** GB 18218-2018 grade, 1 the most dangerous. */
  grade: 1 | 2 | 3 | 4;
  address: string;
  /** Largest quantity held on site, in tonnes, per chemical. */
  chemicals: Partial<Record<ChemicalKey, number>>;
  /** WGS-84 longitude, latitude. */
  at: readonly [number, number];
  sensors: readonly SimSensor[];
}

/** Builds one scenario site: the hazard message body and the simulation profile of each sensor. */
export function defineSite(d: SiteDefinition): ScenarioSite {
  const profiles: Record<string, SensorProfile> = {};
  for (const s of d.sensors) profiles[s.spec.id] = s.profile;
  return {
    agency: d.agency,
    hazard: {
      id: d.id,
      crs: 'WGS84',
      name: d.name,
      enterprise: d.enterprise,
      grade: d.grade,
      address: d.address,
      chemicals: Object.entries(d.chemicals).map(([key, tonnes]) => ({
        ...CHEMICALS[key as ChemicalKey],
        tonnes,
      })),
      location: { type: 'Point', coordinates: [d.at[0], d.at[1]] },
      sensors: d.sensors.map((s) => s.spec),
    },
    profiles,
  };
}
