import type { Rgb } from '../layers/palette';

/**
 * The kinds of text on the map. Every label's size, weight and padding comes from here, as a
 * function of one type scale, so the type can follow the screen (and, later, the viewing
 * distance) in one place.
 */
export type LabelStyle =
  /** A coloured tag with a background: incidents, alarms, areas. */
  | 'tag'
  /** A unit's name under its square. */
  | 'unit'
  /** A district's name. */
  | 'district'
  /** The city centre's name. */
  | 'city'
  /** A lake's or river's name. */
  | 'water'
  /** A place or road name from a deployment's own basemap. */
  | 'basemap';

export interface LabelType {
  /** Text height, CSS pixels. */
  size: number;
  /** Tags are drawn at 700, names at 600 (one text layer each). */
  weight: 600 | 700;
  /** Space between the text and the edge of its box, [horizontal, vertical], CSS pixels. */
  padding: [number, number];
  /** Clear space between a label and its symbol, CSS pixels. */
  gap: number;
}

const BASE: Record<LabelStyle, LabelType> = {
  tag: { size: 15, weight: 700, padding: [6, 3], gap: 3 },
  unit: { size: 12, weight: 600, padding: [3, 1], gap: 2 },
  district: { size: 16, weight: 600, padding: [3, 1], gap: 0 },
  city: { size: 18, weight: 600, padding: [3, 1], gap: 4 },
  water: { size: 14, weight: 600, padding: [3, 1], gap: 0 },
  basemap: { size: 13, weight: 600, padding: [3, 1], gap: 0 },
};

/**
 * A label style at a type scale: 1 on a 1080-line screen, 2 on a 4K one (screen height / 1080,
 * the same scale the panels' type follows), never smaller than `minSize` (the wall's legibility
 * rule, docs/wall.md).
 */
export function labelType(style: LabelStyle, scale: number, minSize = 0): LabelType {
  const b = BASE[style];
  return {
    size: Math.max(b.size * scale, minSize),
    weight: b.weight,
    padding: [b.padding[0] * scale, b.padding[1] * scale],
    gap: b.gap * scale,
  };
}

/** Colours of the name labels (tags take their colour from what they name). */
export const NAME_COLORS: Record<Exclude<LabelStyle, 'tag'>, Rgb> = {
  unit: [230, 238, 248],
  district: [190, 212, 234],
  city: [255, 236, 190],
  water: [120, 190, 240],
  basemap: [200, 210, 222],
};

/** The halo behind name labels: the basemap's background. */
export const HALO_COLOR: Rgb = [11, 20, 32];
