import { CJK_FONT_FAMILY } from '../layers/fonts';

/** deck.gl lays text out from glyphs measured at this size (its font atlas' fontSize). */
const ATLAS_SIZE = 64;

let context: CanvasRenderingContext2D | null = null;
const advances = new Map<string, number>();

function advance(char: string, weight: number): number {
  const key = `${weight}|${char}`;
  let width = advances.get(key);
  if (width === undefined) {
    context ??= document.createElement('canvas').getContext('2d');
    if (!context) return ATLAS_SIZE;
    context.font = `${weight} ${ATLAS_SIZE}px ${CJK_FONT_FAMILY}`;
    width = context.measureText(char).width;
    advances.set(key, width);
  }
  return width;
}

/**
 * The width of one line of text as deck.gl's TextLayer lays it out: the sum of each character's
 * advance measured at the atlas size, scaled to the text size (no kerning), so a label's box is
 * the width of what is drawn.
 */
export function textWidth(text: string, size: number, weight: number): number {
  let width = 0;
  for (const char of text) width += advance(char, weight);
  return (width * size) / ATLAS_SIZE;
}

/** Height of a line of text in its box: deck.gl's line height (1) plus room for descenders. */
export function lineHeight(size: number): number {
  return size * 1.2;
}
