import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { labelType } from '../labels/type-scale';
import { lineHeight, textWidth } from '../labels/measure';
import {
  anchorsAround,
  anchorsAt,
  placeAll,
  type LabelCandidate,
  type Point,
  type SymbolCandidate,
} from './place';
import {
  EMPTY_DRAWN,
  type DrawnLabel,
  type DrawnScene,
  type DrawnSymbol,
  type LngLat,
  type Scene,
  type SceneSymbol,
} from './scene';

/** Placement runs at most this often while the map moves or the data changes. */
const INTERVAL_MS = 150;
/** Symbols this far outside the map still take part (they may be spread onto it). */
const MARGIN_PX = 120;

export interface PlacementView {
  /** Added to every position before it is projected (a GCJ-02 basemap's shift; else 0, 0). */
  shift: LngLat;
  /** The smallest text size a label may have, CSS pixels (the wall's legibility rule). */
  minLabelPx?: number;
}

function symbolSize(s: SceneSymbol): [number, number] {
  const own = s.look.type === 'icon' ? s.look.size : (s.look.radius + s.look.lineWidth) * 2;
  const side = Math.max(own, s.cluster?.size ?? 0);
  return [side, side];
}

const sizes = new Map<string, [number, number]>();

/** A label's box: its text's width and line height plus padding (cached per text and size). */
function labelSize(text: string, size: number, weight: number, padding: [number, number]) {
  const key = `${size}|${weight}|${padding.join(',')}|${text}`;
  let box = sizes.get(key);
  if (!box) {
    box = [textWidth(text, size, weight) + 2 * padding[0], lineHeight(size) + 2 * padding[1]];
    if (sizes.size > 5_000) sizes.clear();
    sizes.set(key, box);
  }
  return box;
}

/** Projects, measures and places a scene for the map's current view (pure but for the map). */
export function placeScene(
  map: MapLibreMap,
  scene: Scene,
  scale: number,
  view: PlacementView,
): DrawnScene {
  const canvas = map.getCanvas();
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const [sx, sy] = view.shift;
  const project = ([lng, lat]: LngLat): Point => {
    const p = map.project([lng + sx, lat + sy]);
    return [p.x, p.y];
  };
  const unproject = ([x, y]: Point): LngLat => {
    const p = map.unproject([x, y]);
    return [p.lng - sx, p.lat - sy];
  };
  const onScreen = ([x, y]: Point, margin: number) =>
    x >= -margin && y >= -margin && x <= width + margin && y <= height + margin;
  // A cheap test in degrees first, so tens of thousands of off-screen hazards are not projected.
  const b = map.getBounds();
  const padLng = ((b.getEast() - b.getWest()) * MARGIN_PX) / Math.max(1, width);
  const padLat = ((b.getNorth() - b.getSouth()) * MARGIN_PX) / Math.max(1, height);
  const [west, east] = [b.getWest() - padLng - sx, b.getEast() + padLng - sx];
  const [south, north] = [b.getSouth() - padLat - sy, b.getNorth() + padLat - sy];
  const inView = ([lng, lat]: LngLat) => lng >= west && lng <= east && lat >= south && lat <= north;

  const symbols = new Map<string, { s: SceneSymbol; c: SymbolCandidate }>();
  for (const s of scene.symbols) {
    if (!inView(s.at)) continue;
    const at = project(s.at);
    if (!onScreen(at, MARGIN_PX)) continue;
    symbols.set(s.id, {
      s,
      c: {
        id: s.id,
        at,
        size: symbolSize(s),
        rank: s.rank,
        crowding: s.crowding,
        ...(s.cluster ? { group: s.cluster.group, clusterRadius: s.cluster.radius } : {}),
      },
    });
  }
  const labels = new Map<string, { c: LabelCandidate; type: ReturnType<typeof labelType> }>();
  for (const l of scene.labels) {
    const owner = l.symbolId === undefined ? undefined : symbols.get(l.symbolId);
    if (l.symbolId !== undefined && !owner) continue;
    if (!owner && !inView(l.at)) continue;
    const at = owner ? owner.c.at : project(l.at);
    if (!onScreen(at, MARGIN_PX)) continue;
    const type = labelType(l.style, scale, view.minLabelPx);
    const size = labelSize(l.text, type.size, type.weight, type.padding);
    labels.set(l.id, {
      type,
      c: {
        id: l.id,
        at,
        size,
        rank: l.rank,
        anchors: owner
          ? anchorsAround(owner.c.size, size, type.gap)
          : anchorsAt(size, l.style === 'district' ? 3 : 1),
        ...(l.symbolId !== undefined ? { symbolId: l.symbolId } : {}),
      },
    });
  }

  const placement = placeAll({
    symbols: [...symbols.values()].map((x) => x.c),
    labels: [...labels.values()].map((x) => x.c),
    width,
    height,
  });

  const drawnAt = new Map<string, LngLat>();
  const drawnSymbols: DrawnSymbol[] = [];
  for (const p of placement.symbols) {
    const { s, c } = symbols.get(p.id)!;
    const at = p.displaced ? unproject(p.at) : s.at;
    drawnAt.set(s.id, at);
    let tone = s.cluster?.tone ?? [0, 0, 0, 0];
    let severity = s.cluster?.severity ?? 0;
    for (const id of p.merged) {
      const m = symbols.get(id)!.s.cluster;
      if (m && m.severity > severity) {
        severity = m.severity;
        tone = m.tone;
      }
    }
    drawnSymbols.push({
      symbol: s,
      at,
      displaced: p.displaced,
      merged: p.merged.length,
      tone,
      size: c.size,
    });
  }
  const byId = new Map(scene.labels.map((l) => [l.id, l]));
  const drawnLabels: DrawnLabel[] = placement.labels.map((p) => {
    const label = byId.get(p.id)!;
    const { c, type } = labels.get(p.id)!;
    const at = label.symbolId !== undefined ? drawnAt.get(label.symbolId)! : label.at;
    return { label, at, offset: p.offset, size: c.size, type };
  });
  return { symbols: drawnSymbols, labels: drawnLabels, drawnAt };
}

/**
 * The scene placed for the map's view, kept current as the map moves and the scene changes (at
 * most every INTERVAL_MS, and once more when a move ends).
 */
export function usePlacement(
  map: MapLibreMap | null,
  scene: Scene,
  scale: number,
  view: PlacementView,
): DrawnScene {
  const [drawn, setDrawn] = useState<DrawnScene>(EMPTY_DRAWN);
  const latest = useRef({ scene, scale, view });
  latest.current = { scene, scale, view };
  const schedule = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!map) return undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const run = () => {
      timer = null;
      last = performance.now();
      const { scene: s, scale: k, view: v } = latest.current;
      setDrawn(placeScene(map, s, k, v));
    };
    const later = () => {
      if (timer !== null) return;
      timer = setTimeout(run, Math.max(0, last + INTERVAL_MS - performance.now()));
    };
    const now = () => {
      if (timer !== null) clearTimeout(timer);
      run();
    };
    schedule.current = later;
    map.on('move', later);
    map.on('moveend', now);
    map.on('resize', now);
    now();
    return () => {
      if (timer !== null) clearTimeout(timer);
      schedule.current = null;
      map.off('move', later);
      map.off('moveend', now);
      map.off('resize', now);
    };
  }, [map]);

  useEffect(() => {
    schedule.current?.();
  }, [scene, scale, view]);

  return drawn;
}
