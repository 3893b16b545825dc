import raw from './basemap/changzhou-districts.json';

type Position = [number, number];

/** One of Changzhou's six districts, as written by scripts/extract-basemap.ts. */
export interface DistrictFeature {
  type: 'Feature';
  properties: { name: string; /** label point */ cp: Position };
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'MultiPolygon'; coordinates: Position[][][] };
}

export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

// The JSON is generated with exactly this shape; TypeScript only infers `string` for `type`.
export const districts = raw as unknown as DistrictCollection;

/** West, south, east, north of the districts (computed from the outlines, slightly padded). */
export const CHANGZHOU_BOUNDS: [[number, number], [number, number]] = [
  [119.13, 31.14],
  [120.22, 32.07],
];
