import { useEffect, useState } from 'react';
import type { GeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import { VECTOR_SOURCE } from './basemap-style';
import { NAME_COLORS } from './labels/type-scale';
import { RANK } from './placement/ranks';
import { EMPTY_SCENE, type LngLat, type Scene, type SceneLabel } from './placement/scene';

/** Names read from the archive at most, per view. */
const MAX_NAMES = 300;
const PLACE_KINDS = new Set(['locality', 'neighbourhood', 'macrohood']);
const ROAD_KINDS = new Set(['highway', 'major_road']);

/** The feature's name, Chinese preferred. */
function nameOf(f: GeoJSONFeature): string | undefined {
  const p = f.properties;
  const name = p['name:zh-Hans'] ?? p['name:zh'] ?? p['name'];
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/** A point to write a road's name at: the middle vertex of its (first) line. */
function midpoint(f: GeoJSONFeature): LngLat | undefined {
  const g = f.geometry;
  const line =
    g.type === 'LineString'
      ? g.coordinates
      : g.type === 'MultiLineString'
        ? g.coordinates[0]
        : undefined;
  const p = line?.[Math.floor(line.length / 2)];
  return p ? [p[0]!, p[1]!] : undefined;
}

/** The names a loaded vector archive has for the view: places, then named major roads. */
export function readVectorNames(map: MapLibreMap): Scene {
  const seen = new Set<string>();
  const labels: SceneLabel[] = [];
  const add = (text: string, at: LngLat, rank: number) => {
    if (seen.has(text) || labels.length >= MAX_NAMES) return;
    seen.add(text);
    labels.push({
      id: `basemap:name:${text}`,
      text,
      at,
      rank,
      style: 'basemap',
      color: NAME_COLORS.basemap,
    });
  };
  for (const f of map.querySourceFeatures(VECTOR_SOURCE, { sourceLayer: 'places' })) {
    const name = nameOf(f);
    if (!name || !PLACE_KINDS.has(String(f.properties['kind'])) || f.geometry.type !== 'Point')
      continue;
    const [lng, lat] = f.geometry.coordinates;
    add(name, [lng!, lat!], RANK.basemapPlace);
  }
  for (const f of map.querySourceFeatures(VECTOR_SOURCE, { sourceLayer: 'roads' })) {
    const name = nameOf(f);
    const at = midpoint(f);
    if (name && at && ROAD_KINDS.has(String(f.properties['kind']))) add(name, at, RANK.basemapRoad);
  }
  return labels.length === 0 ? EMPTY_SCENE : { symbols: [], labels };
}

/**
 * A vector basemap's own place and road names, read from its loaded tiles whenever the map
 * comes to rest, so they are placed (at the lowest ranks) with every other label.
 */
export function useVectorNames(map: MapLibreMap | null, enabled: boolean): Scene {
  const [scene, setScene] = useState<Scene>(EMPTY_SCENE);
  useEffect(() => {
    if (!map || !enabled) return undefined;
    let key = '';
    const read = () => {
      const next = readVectorNames(map);
      // 'idle' comes often; the same names at the same places leave the scene as it was.
      const nextKey = next.labels.map((l) => `${l.text}@${l.at.join(',')}`).join('|');
      if (nextKey === key) return;
      key = nextKey;
      setScene(next);
    };
    map.on('idle', read);
    read();
    return () => {
      map.off('idle', read);
    };
  }, [map, enabled]);
  return scene;
}
