import { areaContains, distanceM, worseLevel, type Hazard, type RiskLevel } from '@cc/shared';
import { districts } from '../map/districts';

/**
 * Enterprises by dynamic colour and district: an enterprise counts once, in the worst colour of
 * its hazard sources, in the district of its first one. The outlines are coarse (about 100 m)
 * and the riverside parks sit on their edge: a site outside every outline counts in the district
 * whose label point is nearest.
 */
export function countByDistrict(
  hazards: Iterable<Hazard>,
): { district: string; counts: Record<RiskLevel, number> }[] {
  const enterprises = new Map<string, { colour: RiskLevel; at: [number, number] }>();
  for (const h of hazards) {
    const colour = h.riskColour?.colour;
    if (!colour) continue;
    const key = `${h.agency}|${h.enterprise}`;
    const known = enterprises.get(key);
    enterprises.set(key, {
      colour: known ? worseLevel(known.colour, colour) : colour,
      at: known?.at ?? [h.location[0], h.location[1]],
    });
  }
  const rows = districts.features.map((f) => ({
    district: f.properties.name,
    geometry: f.geometry,
    cp: f.properties.cp,
    counts: { red: 0, orange: 0, yellow: 0, blue: 0 } as Record<RiskLevel, number>,
  }));
  const nearest = (at: [number, number]) =>
    rows.reduce((best, r) => (distanceM(r.cp, at) < distanceM(best.cp, at) ? r : best));
  for (const { colour, at } of enterprises.values()) {
    const row = rows.find((r) => areaContains(r.geometry, at)) ?? nearest(at);
    row.counts[colour]++;
  }
  return rows.map(({ district, counts }) => ({ district, counts }));
}
