import type { IconDef } from '../layers/icons';
import type { Rgb } from '../layers/palette';
import type { LabelStyle, LabelType } from '../labels/type-scale';
import type { Crowding } from './place';

export type LngLat = [number, number];
export type Rgba = [number, number, number, number];

/** How a symbol is drawn. */
export type SymbolLook =
  /** An image (incidents' diamonds, units' squares), `size` pixels square. */
  | { type: 'icon'; icon: IconDef; size: number }
  /** A filled circle with an outline (hazards, places). */
  | { type: 'dot'; radius: number; fill: Rgba; line: Rgba; lineWidth: number };

/** How symbols of one group merge where they crowd. */
export interface ClusterSpec {
  group: string;
  /** Symbols closer than this (pixels) merge. */
  radius: number;
  /** Diameter of the count bubble (pixels); singles of the group keep this much room too. */
  size: number;
  /** The bubble takes the colour of its member with the highest severity. */
  tone: Rgba;
  severity: number;
}

/** A symbol on the map, before placement. Ids are unique across the whole scene. */
export interface SceneSymbol {
  id: string;
  at: LngLat;
  look: SymbolLook;
  /** Lower places first and wins (see ranks.ts). */
  rank: number;
  crowding: Crowding;
  cluster?: ClusterSpec;
  /** Tapping or clicking it. */
  pick?: () => void;
}

/** A label on the map, before placement. */
export interface SceneLabel {
  id: string;
  text: string;
  at: LngLat;
  rank: number;
  style: LabelStyle;
  /** The symbol it names: placed beside it, dropped when it merges into a cluster. */
  symbolId?: string;
  /** Text colour; tags also have a background. */
  color: Rgb;
  background?: Rgba;
}

export interface Scene {
  symbols: readonly SceneSymbol[];
  labels: readonly SceneLabel[];
}

export const EMPTY_SCENE: Scene = { symbols: [], labels: [] };

/** A symbol as drawn. */
export interface DrawnSymbol {
  symbol: SceneSymbol;
  /** Where it is drawn (beside its true place when spread). */
  at: LngLat;
  displaced: boolean;
  /** Symbols merged into it; more than 0 draws a count bubble instead of the symbol. */
  merged: number;
  /** Colour of the bubble: the most severe member's. */
  tone: Rgba;
  /** Box size used for placement, pixels. */
  size: [number, number];
}

/** A label as drawn: a box of `size` centred `offset` pixels from `at`. */
export interface DrawnLabel {
  label: SceneLabel;
  at: LngLat;
  offset: [number, number];
  size: [number, number];
  type: LabelType;
}

export interface DrawnScene {
  symbols: DrawnSymbol[];
  labels: DrawnLabel[];
  /** Where a symbol is drawn, by id (absent: off screen or merged). */
  drawnAt: ReadonlyMap<string, LngLat>;
}

export const EMPTY_DRAWN: DrawnScene = { symbols: [], labels: [], drawnAt: new Map() };

/** Concatenates scenes (arrays are copied only when more than one part has something). */
export function mergeScenes(...parts: Scene[]): Scene {
  const filled = parts.filter((p) => p.symbols.length > 0 || p.labels.length > 0);
  if (filled.length === 0) return EMPTY_SCENE;
  if (filled.length === 1) return filled[0]!;
  return {
    symbols: filled.flatMap((p) => p.symbols),
    labels: filled.flatMap((p) => p.labels),
  };
}
