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

/** The point of a segment closest to `c` (degrees, fine at street scale). */
function closestOnSegment(c: LngLat, a: LngLat, b: LngLat): LngLat {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = dx * dx + dy * dy;
  const t =
    len === 0 ? 0 : Math.max(0, Math.min(1, ((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / len));
  return [a[0] + t * dx, a[1] + t * dy];
}

/** Where to write a road's name: the point of its lines closest to the view's centre. */
function roadPoint(f: GeoJSONFeature, centre: LngLat): LngLat | undefined {
  const g = f.geometry;
  const lines =
    g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  let best: LngLat | undefined;
  let bestD = Infinity;
  for (const line of lines)
    for (let i = 1; i < line.length; i++) {
      const p = closestOnSegment(centre, line[i - 1] as LngLat, line[i] as LngLat);
      const d = Math.hypot(p[0] - centre[0], p[1] - centre[1]);
      if (d < bestD) [best, bestD] = [p, d];
    }
  return best;
}

/** The names a loaded vector archive has for the view: places and named major roads. */
export function readVectorNames(map: MapLibreMap): Scene {
  const c = map.getCenter();
  const centre: LngLat = [c.lng, c.lat];
  const near = (p: LngLat) => Math.hypot(p[0] - centre[0], p[1] - centre[1]);
  // One label per name: the place nearest the view's centre (tiles repeat features).
  const byName = new Map<string, SceneLabel>();
  const add = (text: string, at: LngLat, rank: number) => {
    const known = byName.get(text);
    if (known ? near(at) >= near(known.at) : byName.size >= MAX_NAMES) return;
    byName.set(text, {
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
    const at = roadPoint(f, centre);
    if (name && at && ROAD_KINDS.has(String(f.properties['kind']))) add(name, at, RANK.basemapRoad);
  }
  return byName.size === 0 ? EMPTY_SCENE : { symbols: [], labels: [...byName.values()] };
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
