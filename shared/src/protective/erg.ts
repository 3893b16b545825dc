/**
 * Initial isolation and protective action distances for toxic-inhalation-hazard (TIH) chemicals,
 * from the Emergency Response Guidebook's Table 1 ("green pages").
 *
 * EDITION — READ THIS. The issue asks for the ERG 2024 figures. They could not be found in the
 * sources available to us when this file was written (searches of public pages, documentation
 * and code for the 2024 Table 1 rows returned only the table's introduction, not its rows). The
 * newest rows we could find and cite are from ERG **2008**, as published row by row by ChemTrack
 * (Chulalongkorn University's chemical-safety site, which states it reproduces the
 * "2008 EMERGENCY RESPONSE GUIDEBOOK"):
 *
 *   - UN1017 Chlorine: http://www.chemtrack.org/erg/ID.asp?ID=38&Lang=T
 *     small spill: isolate 60 m, protect downwind 0.4 km by day, 1.6 km by night;
 *     large spill: isolate 600 m, protect downwind 3.5 km by day, 8.0 km by night.
 *     (edition: http://www.chemtrack.org/unnumber-intro.asp)
 *
 * For the other chemicals the issue names (ammonia UN1005, hydrogen sulfide UN1053, sulfur dioxide
 * UN1079, hydrogen chloride UN1050, hydrogen fluoride UN1052, phosgene UN1076, hydrogen cyanide
 * UN1051) no row of any edition could be found and cited, so **none is given**: the product does
 * not draw a zone from figures nobody can check. `ergRow` answers `undefined` for them and the
 * zone says so ("no ERG figures stored"). Add a row here, with its source and edition, to enable
 * one; replace every row with ERG 2024's (Table 1, or Table 3 for the large spills of ammonia,
 * chlorine, hydrogen chloride, hydrogen fluoride and sulfur dioxide) when a copy is at hand.
 *
 * Meaning of the figures (ERG Table 1 introduction): a small spill is up to 208 litres (one drum,
 * a small cylinder, a small leak from a large package), a large spill more; day is sunrise to
 * sunset, night sunset to sunrise. The initial isolation distance is the radius of a circle round
 * the spill, in every direction; the protective action distance is how far downwind people should
 * be protected, over a zone about as wide as it is long.
 */

export type Spill = 'small' | 'large';
export type DayNight = 'day' | 'night';

export interface ErgDistances {
  /** Initial isolation radius, metres. */
  isolationM: number;
  /** Protective action distance downwind, kilometres. */
  protectDayKm: number;
  protectNightKm: number;
}

export interface ErgRow {
  un: string;
  /** The name as the table gives it. */
  name: string;
  /** CAS number, to match a hazard source's declared chemicals. */
  cas: string;
  /** ERG orange guide number. */
  guide: number;
  small: ErgDistances;
  large: ErgDistances;
  /** Edition of the ERG the figures are from. */
  edition: number;
  /** Where the figures were read. */
  source: string;
}

export const ERG_ROWS: readonly ErgRow[] = [
  {
    un: '1017',
    name: 'Chlorine',
    cas: '7782-50-5',
    guide: 124,
    small: { isolationM: 60, protectDayKm: 0.4, protectNightKm: 1.6 },
    large: { isolationM: 600, protectDayKm: 3.5, protectNightKm: 8.0 },
    edition: 2008,
    source: 'http://www.chemtrack.org/erg/ID.asp?ID=38&Lang=T',
  },
];

/**
 * The TIH chemicals the issue names, with their CAS numbers: recognised on a hazard source even
 * when no row is stored, so the screen can say "no ERG figures stored" instead of nothing.
 */
export const TIH_CHEMICALS: readonly { un: string; name: string; cas: string }[] = [
  { un: '1005', name: 'Ammonia, anhydrous', cas: '7664-41-7' },
  { un: '1017', name: 'Chlorine', cas: '7782-50-5' },
  { un: '1050', name: 'Hydrogen chloride, anhydrous', cas: '7647-01-0' },
  { un: '1051', name: 'Hydrogen cyanide, anhydrous, stabilized', cas: '74-90-8' },
  { un: '1052', name: 'Hydrogen fluoride, anhydrous', cas: '7664-39-3' },
  { un: '1053', name: 'Hydrogen sulfide', cas: '7783-06-4' },
  { un: '1076', name: 'Phosgene', cas: '75-44-5' },
  { un: '1079', name: 'Sulfur dioxide', cas: '7446-09-5' },
];

/** The stored row for a UN number, if any. */
export function ergRow(un: string): ErgRow | undefined {
  return ERG_ROWS.find((r) => r.un === un);
}

/** The TIH chemical with this CAS number, if it is one the product knows. */
export function tihByCas(cas: string | undefined): { un: string; name: string } | undefined {
  return cas === undefined ? undefined : TIH_CHEMICALS.find((c) => c.cas === cas);
}

/** Isolation radius (m) and downwind distance (km) of a row for a spill size and time of day. */
export function ergDistances(
  row: ErgRow,
  spill: Spill,
  time: DayNight,
): { isolationM: number; protectKm: number } {
  const d = row[spill];
  return {
    isolationM: d.isolationM,
    protectKm: time === 'day' ? d.protectDayKm : d.protectNightKm,
  };
}
