import type { Layer } from '@deck.gl/core';
import type { Scene } from './placement/scene';

/**
 * The map's layers a viewer can hide from the legend, each with what it draws: placed symbols
 * (by their id's prefix, their labels with them) and deck.gl layers (by their id's prefix).
 */
export const LEGEND_LAYERS = {
  incidents: { symbols: ['incident:', 'area:incident'], layers: ['incident-areas'] },
  resources: { symbols: ['resource:'], layers: ['resource-trails'] },
  hazards: { symbols: ['hazard:'], layers: ['hazard-alarm-halo', 'enterprise-risk-colour'] },
  places: { symbols: ['place:'], layers: [] },
  shelters: { symbols: ['shelter:'], layers: [] },
  riskAreas: { symbols: ['area:risk'], layers: ['risk-areas'] },
  warningAreas: { symbols: ['area:warning'], layers: ['warning-areas'] },
  zones: { symbols: ['zone:'], layers: ['zone-', 'wind-arrows'] },
  cameras: { symbols: ['camera:'], layers: ['camera'] },
} as const satisfies Record<string, { symbols: readonly string[]; layers: readonly string[] }>;
export type LegendLayer = keyof typeof LEGEND_LAYERS;
export const LEGEND_LAYER_KEYS = Object.keys(LEGEND_LAYERS) as LegendLayer[];

const NONE: ReadonlySet<LegendLayer> = new Set();
export const NO_HIDDEN_LAYERS = NONE;

function prefixes(hidden: ReadonlySet<LegendLayer>, part: 'symbols' | 'layers'): string[] {
  return [...hidden].flatMap((k) => [...LEGEND_LAYERS[k][part]]);
}

/** The deck.gl layers left once the hidden ones are taken out. */
export function visibleLayers<L extends Layer>(
  layers: readonly L[],
  hidden: ReadonlySet<LegendLayer>,
): L[] {
  if (hidden.size === 0) return [...layers];
  const out = prefixes(hidden, 'layers');
  return layers.filter((l) => !out.some((p) => l.id.startsWith(p)));
}

/** The scene without the hidden kinds' symbols and their labels. */
export function visibleScene(scene: Scene, hidden: ReadonlySet<LegendLayer>): Scene {
  if (hidden.size === 0) return scene;
  const out = prefixes(hidden, 'symbols');
  const gone = (id: string | undefined) => id !== undefined && out.some((p) => id.startsWith(p));
  return {
    ...scene,
    symbols: scene.symbols.filter((s) => !gone(s.id)),
    labels: scene.labels.filter((l) => !gone(l.symbolId) && !gone(l.id)),
  };
}
