import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Layer } from '@deck.gl/core';
import { PLACED_LAYER_IDS } from '../layers/placed';
import type { DrawnLabel, DrawnSymbol, LngLat } from './scene';

/** A box on the page's map, CSS pixels from the map's top left. */
export interface ScreenBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface DrawnBoxes {
  /** `textPx`: the size the text layer draws the label's text at, CSS pixels. */
  labels: { id: string; text: string; box: ScreenBox; textPx: number }[];
  symbols: { id: string; kind: 'icon' | 'dot' | 'cluster'; merged: number; box: ScreenBox }[];
  /** The size the text layer draws clusters' counts at, CSS pixels (null: no cluster drawn). */
  clusterCountPx: number | null;
}

/** A text layer's size for one datum, as the layer itself computes it. */
function sizeIn(layers: readonly Layer[], id: string): Map<unknown, number> {
  const layer = layers.find((l) => l.id === id);
  const sizes = new Map<unknown, number>();
  if (!layer) return sizes;
  const getSize = (layer.props as { getSize?: number | ((d: unknown) => number) }).getSize;
  for (const d of layer.props.data as unknown[])
    sizes.set(d, typeof getSize === 'function' ? getSize(d) : (getSize ?? NaN));
  return sizes;
}

function dataOf<T>(layers: readonly Layer[], id: string): T[] {
  const layer = layers.find((l) => l.id === id);
  return layer ? (layer.props.data as T[]) : [];
}

/**
 * What the map draws now, read from the layers on the overlay and projected at the current
 * view: every label's box and every symbol's (for the browser tests, which fail on overlaps).
 */
export function drawnBoxes(map: MapLibreMap, layers: readonly Layer[], shift: LngLat): DrawnBoxes {
  const at = ([lng, lat]: LngLat) => map.project([lng + shift[0], lat + shift[1]]);
  const box = (p: { x: number; y: number }, w: number, h: number, dx = 0, dy = 0): ScreenBox => ({
    x0: p.x + dx - w / 2,
    y0: p.y + dy - h / 2,
    x1: p.x + dx + w / 2,
    y1: p.y + dy + h / 2,
  });
  const textPx = new Map([
    ...sizeIn(layers, PLACED_LAYER_IDS.tagText),
    ...sizeIn(layers, PLACED_LAYER_IDS.nameText),
  ]);
  const labels = dataOf<DrawnLabel>(layers, PLACED_LAYER_IDS.labelBoxes).map((d) => ({
    id: d.label.id,
    text: d.label.text,
    box: box(at(d.at), d.size[0], d.size[1], d.offset[0], d.offset[1]),
    textPx: textPx.get(d) ?? NaN,
  }));
  const symbol = (kind: 'icon' | 'dot' | 'cluster') => (d: DrawnSymbol) => {
    const look = d.symbol.look;
    const side =
      kind === 'cluster'
        ? (d.symbol.cluster?.size ?? d.size[0])
        : look.type === 'icon'
          ? look.size
          : (look.radius + look.lineWidth / 2) * 2;
    return { id: d.symbol.id, kind, merged: d.merged, box: box(at(d.at), side, side) };
  };
  const symbols = [
    ...dataOf<DrawnSymbol>(layers, PLACED_LAYER_IDS.icons).map(symbol('icon')),
    ...dataOf<DrawnSymbol>(layers, PLACED_LAYER_IDS.dots).map(symbol('dot')),
    ...dataOf<DrawnSymbol>(layers, PLACED_LAYER_IDS.clusters).map(symbol('cluster')),
  ];
  const counts = [...sizeIn(layers, PLACED_LAYER_IDS.clusterCounts).values()];
  return { labels, symbols, clusterCountPx: counts.length > 0 ? Math.min(...counts) : null };
}
