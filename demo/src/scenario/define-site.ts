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
  /**
   * People within 500 m of the site's boundary besides the registered places (GB 18218 α):
   * neighbouring plants' staff in a chemical park, residents elsewhere.
   */
  residents?: number;
}

/** Density of the stored liquid (or liquefied gas), t/m³. */
const DENSITY: Partial<Record<ChemicalKey, number>> = {
  chlorine: 1.47,
  ammonia: 0.61,
  lpg: 0.51,
  lng: 0.43,
  methanol: 0.79,
  benzene: 0.88,
  toluene: 0.87,
  xylene: 0.86,
  styrene: 0.91,
  acrylonitrile: 0.81,
  ethyleneOxide: 0.88,
  carbonDisulfide: 1.26,
  acetone: 0.79,
  butylAcetate: 0.88,
  vinylChloride: 0.91,
};

/** Words in a level sensor's name that say what its tank holds, longest first. */
const HOLDS: readonly [string, ChemicalKey][] = [
  ['苯乙烯', 'styrene'],
  ['二甲苯', 'xylene'],
  ['氯乙烯', 'vinylChloride'],
  ['丙烯腈', 'acrylonitrile'],
  ['环氧乙烷', 'ethyleneOxide'],
  ['二硫化碳', 'carbonDisulfide'],
  ['乙酸丁酯', 'butylAcetate'],
  ['甲苯', 'toluene'],
  ['甲醇', 'methanol'],
  ['丙酮', 'acetone'],
  ['丙烷', 'lpg'],
  ['液氯', 'chlorine'],
  ['液氨', 'ammonia'],
  ['贮氨', 'ammonia'],
  ['LNG', 'lng'],
  ['苯', 'benzene'],
];

/**
 * The site's tanks, one per level sensor: what it holds (named in the sensor's name, or the
 * site's only chemical), sized so that the tanks of a chemical, full, hold its registered tonnes.
 */
function tanksOf(d: SiteDefinition) {
  const only =
    Object.keys(d.chemicals).length === 1
      ? (Object.keys(d.chemicals)[0] as ChemicalKey)
      : undefined;
  const held = d.sensors.flatMap((s) => {
    if (s.spec.metric !== 'level') return [];
    const key = HOLDS.find(([word]) => s.spec.name?.includes(word))?.[1] ?? only;
    return key && d.chemicals[key] !== undefined && DENSITY[key] ? [{ sensor: s.spec, key }] : [];
  });
  return held.map(({ sensor, key }) => {
    const density = DENSITY[key]!;
    const count = held.filter((h) => h.key === key).length;
    const name = sensor.name?.replace(/\s*液位$/, '');
    return {
      id: sensor.id.replace(/^LT-/, 'TK-'),
      ...(name ? { name } : {}),
      substance: CHEMICALS[key].cas,
      capacity: Math.round(d.chemicals[key]! / count / density),
      density,
      levelSensor: sensor.id,
    };
  });
}

/** A site's neighbours within 500 m when its definition names none: a chemical park's plants. */
const DEFAULT_RESIDENTS = 120;

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
      tanks: tanksOf(d),
      residents: d.residents ?? DEFAULT_RESIDENTS,
    },
    profiles,
  };
}
