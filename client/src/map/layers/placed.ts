import {
  IconLayer,
  LineLayer,
  ScatterplotLayer,
  TextLayer,
  _TextBackgroundLayer as TextBackgroundLayer,
} from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { DrawnLabel, DrawnScene, DrawnSymbol, LngLat } from '../placement/scene';
import { HALO_COLOR } from '../labels/type-scale';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from './fonts';

/** Ids of the layers that draw placed things (the browser tests read their data). */
export const PLACED_LAYER_IDS = {
  leaders: 'placed-leaders',
  dots: 'placed-dots',
  icons: 'placed-icons',
  clusters: 'placed-clusters',
  clusterCounts: 'placed-cluster-counts',
  labelBoxes: 'label-boxes',
  tagText: 'label-tag-text',
  nameText: 'label-name-text',
} as const;

function pick(info: PickingInfo<DrawnSymbol>): boolean {
  const p = info.object?.symbol.pick;
  p?.();
  return Boolean(p);
}

interface Split {
  dots: DrawnSymbol[];
  icons: DrawnSymbol[];
  clusters: DrawnSymbol[];
  leaders: DrawnSymbol[];
}

function split(symbols: DrawnSymbol[]): Split {
  const out: Split = { dots: [], icons: [], clusters: [], leaders: [] };
  for (const d of symbols) {
    if (d.merged > 0) out.clusters.push(d);
    else if (d.symbol.look.type === 'icon') out.icons.push(d);
    else out.dots.push(d);
    if (d.displaced) out.leaders.push(d);
  }
  return out;
}

/**
 * The placed symbols: dots, icons, count bubbles where symbols of a group merged, and a thin line
 * from a spread symbol back to its true place (with a small dot there).
 */
export function createSymbolLayers(drawn: DrawnScene, scale: number, minTextPx = 0): Layer[] {
  const { dots, icons, clusters, leaders } = split(drawn.symbols);
  const layers: Layer[] = [
    new LineLayer<DrawnSymbol>({
      id: PLACED_LAYER_IDS.leaders,
      data: leaders,
      getSourcePosition: (d) => d.symbol.at,
      getTargetPosition: (d) => d.at,
      getColor: [230, 240, 255, 200],
      getWidth: 1.5 * scale,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<DrawnSymbol>({
      id: `${PLACED_LAYER_IDS.leaders}-feet`,
      data: leaders,
      getPosition: (d) => d.symbol.at,
      getRadius: 3 * scale,
      radiusUnits: 'pixels',
      getFillColor: [230, 240, 255, 230],
    }),
    new ScatterplotLayer<DrawnSymbol>({
      id: PLACED_LAYER_IDS.dots,
      data: dots,
      getPosition: (d) => d.at,
      getRadius: (d) => (d.symbol.look.type === 'dot' ? d.symbol.look.radius : 0),
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getFillColor: (d) => (d.symbol.look.type === 'dot' ? d.symbol.look.fill : [0, 0, 0, 0]),
      getLineColor: (d) => (d.symbol.look.type === 'dot' ? d.symbol.look.line : [0, 0, 0, 0]),
      getLineWidth: (d) => (d.symbol.look.type === 'dot' ? d.symbol.look.lineWidth : 0),
      // No hover highlight: deck.gl keeps it on an instance until the pointer moves, so after a
      // fly it would sit on whatever dot took that place (touch screens and a wall never hover).
      pickable: true,
      onClick: pick,
    }),
    new IconLayer<DrawnSymbol>({
      id: PLACED_LAYER_IDS.icons,
      data: icons,
      getPosition: (d) => d.at,
      // Only icon symbols are in `icons` (see split).
      getIcon: (d) =>
        (d.symbol.look as Extract<DrawnSymbol['symbol']['look'], { type: 'icon' }>).icon,
      getSize: (d) => (d.symbol.look.type === 'icon' ? d.symbol.look.size : 0),
      sizeUnits: 'pixels',
      pickable: true,
      onClick: pick,
    }),
    new ScatterplotLayer<DrawnSymbol>({
      id: PLACED_LAYER_IDS.clusters,
      data: clusters,
      getPosition: (d) => d.at,
      getRadius: (d) => (d.symbol.cluster?.size ?? d.size[0]) / 2 - 1.5 * scale,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (d) => d.tone,
      getLineColor: [230, 240, 255, 255],
      getLineWidth: 2 * scale,
      lineWidthUnits: 'pixels',
    }),
  ];
  if (clusters.length > 0)
    layers.push(
      new TextLayer<DrawnSymbol>({
        id: PLACED_LAYER_IDS.clusterCounts,
        data: clusters,
        getPosition: (d) => d.at,
        getText: (d) => String(d.merged + 1),
        getSize: Math.max(14 * scale, minTextPx),
        getColor: [255, 255, 255, 255],
        outlineWidth: 2,
        outlineColor: [...HALO_COLOR, 255],
        fontFamily: CJK_FONT_FAMILY,
        fontSettings: LABEL_FONT_SETTINGS,
        fontWeight: 700,
        characterSet: '0123456789',
      }),
    );
  return layers;
}

const TRANSPARENT: [number, number, number, number] = [0, 0, 0, 0];

function text(id: string, data: DrawnLabel[], halo: boolean): Layer {
  // Measured with the same weight (labels/type-scale.ts: tags 700, names 600).
  const fontWeight = halo ? 600 : 700;
  return new TextLayer<DrawnLabel>({
    id,
    data,
    getPosition: (d) => d.at,
    getPixelOffset: (d) => d.offset,
    getText: (d) => d.label.text,
    getSize: (d) => d.type.size,
    getColor: (d) => [...d.label.color, 255],
    characterSet: 'auto',
    fontFamily: CJK_FONT_FAMILY,
    fontSettings: LABEL_FONT_SETTINGS,
    fontWeight,
    ...(halo ? { outlineWidth: 3, outlineColor: [...HALO_COLOR, 255] } : {}),
  });
}

/**
 * The placed labels: each one's box (filled for tags, empty for names: what the collision space
 * holds, exactly as drawn), then the text centred in it.
 */
export function createLabelLayers(drawn: DrawnScene): Layer[] {
  const { labels } = drawn;
  if (labels.length === 0) return [];
  const tags = labels.filter((d) => d.label.background !== undefined);
  const names = labels.filter((d) => d.label.background === undefined);
  const layers: Layer[] = [
    new TextBackgroundLayer<DrawnLabel>({
      id: PLACED_LAYER_IDS.labelBoxes,
      data: labels,
      getPosition: (d) => d.at,
      getPixelOffset: (d) => d.offset,
      // The rectangle, centred, in pixels (size 1, font size 1: no scaling).
      getBoundingRect: (d) => [-d.size[0] / 2, -d.size[1] / 2, d.size[0], d.size[1]],
      getFillColor: (d) => d.label.background ?? TRANSPARENT,
      getLineWidth: 0,
      borderRadius: 3,
    }),
  ];
  if (tags.length > 0) layers.push(text(PLACED_LAYER_IDS.tagText, tags, false));
  if (names.length > 0) layers.push(text(PLACED_LAYER_IDS.nameText, names, true));
  return layers;
}

/** Where a symbol is drawn, falling back to its true place (off screen, merged). */
export function drawnPosition(drawn: DrawnScene, id: string, fallback: LngLat): LngLat {
  return drawn.drawnAt.get(id) ?? fallback;
}
