import raw from './basemap/changzhou-water-ne10m.json';

type Position = [number, number];

/** A lake or river of the bundled water layer (Natural Earth 1:10m; see basemap/ATTRIBUTION.md). */
export interface WaterFeature {
  type: 'Feature';
  properties: { kind: 'lake' | 'river'; name_zh: string; name_en: string; source: string };
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'LineString'; coordinates: Position[] };
}

export interface WaterCollection {
  type: 'FeatureCollection';
  features: WaterFeature[];
}

// The JSON has exactly this shape; TypeScript only infers `string` for `type`.
export const water = raw as unknown as WaterCollection;

/**
 * Where each water name is written: inside each lake; Taihu on its Changzhou shore rather than
 * at its middle (off the city's map); the Yangtze on its line nearest the city.
 */
export const WATER_LABEL_AT: Record<string, Position> = {
  太湖: [120.13, 31.36],
  滆湖: [119.8, 31.62],
  长荡湖: [119.55, 31.59],
  长江: [119.56, 32.2],
};
