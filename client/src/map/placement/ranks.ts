import type { IncidentLevel } from '@cc/shared';

/**
 * The one order in which everything on the map claims its place (lower first). Symbols are
 * placed before labels, so every symbol stays visible; among labels, a level I incident's wins
 * over an alarm's, an alarm's over a level II incident's, and so on (an open shelter before the
 * units, a closed one after the hazards) down to the names of areas, districts and water, and
 * last the deployment basemap's own place and road names.
 */
export const RANK = {
  incidentI: 0,
  alarmHighHigh: 1,
  alarmHigh: 2,
  incidentII: 3,
  incidentIII: 4,
  incidentIV: 5,
  engagedUnit: 6,
  hazardOffline: 7,
  place: 8,
  shelterOpen: 9,
  unit: 10,
  hazard: 11,
  shelterClosed: 12,
  incidentArea: 13,
  warningArea: 14,
  riskArea: 15,
  city: 16,
  district: 17,
  water: 18,
  basemapPlace: 19,
  basemapRoad: 20,
} as const;

const INCIDENT_RANK: Record<IncidentLevel, number> = {
  I: RANK.incidentI,
  II: RANK.incidentII,
  III: RANK.incidentIII,
  IV: RANK.incidentIV,
};

export function incidentRank(level: IncidentLevel): number {
  return INCIDENT_RANK[level];
}
