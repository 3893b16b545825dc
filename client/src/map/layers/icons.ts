import type { IncidentLevel } from '@cc/shared';
import { css, textOn, type Rgb } from './palette';
import { CJK_FONT_FAMILY } from './fonts';

/** An icon for deck.gl's IconLayer (auto-packed into its atlas; `id` keys the cache). */
export interface IconDef {
  id: string;
  url: string;
  width: number;
  height: number;
  anchorY: number;
  mask: false;
}

const SIZE = 64;

function svgUrl(body: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">${body}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function glyphText(glyph: string, color: Rgb, size: number, x = 32): string {
  // The font list is the page's own; SVG images may use installed fonts, never web fonts.
  const family = CJK_FONT_FAMILY.replace(/"/g, "'");
  return `<text x="${x}" y="33" text-anchor="middle" dominant-baseline="central" font-family="${family}" font-weight="700" font-size="${size}" fill="${css(textOn(color))}">${glyph}</text>`;
}

const cache = new Map<string, IconDef>();

function icon(id: string, body: () => string): IconDef {
  let def = cache.get(id);
  if (!def) {
    def = { id, url: svgUrl(body()), width: SIZE, height: SIZE, anchorY: SIZE / 2, mask: false };
    cache.set(id, def);
  }
  return def;
}

/** Roman numerals of the four levels, as a badge shows them. */
const NUMERALS: Record<IncidentLevel, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

/**
 * An incident: a diamond (the shape says "incident" without colour) in its level's colour, with
 * the type's glyph inside and the level's numeral in a badge at its upper right, so the level
 * reads from the symbol alone when its label has to yield.
 */
export function incidentIcon(glyph: string, color: Rgb, level: IncidentLevel): IconDef {
  const family = CJK_FONT_FAMILY.replace(/"/g, "'");
  return icon(`incident/${glyph}/${color.join(',')}/${level}`, () =>
    [
      `<polygon points="30,4 58,32 30,60 2,32" fill="${css(color)}" stroke="#0b1420" stroke-width="3"/>`,
      `<polygon points="30,9 53,32 30,55 7,32" fill="none" stroke="#ffffff" stroke-width="2"/>`,
      glyphText(glyph, color, 24, 30),
      `<rect x="40" y="1" width="23" height="19" rx="5" fill="#ffffff" stroke="#0b1420" stroke-width="2"/>`,
      `<text x="51.5" y="11" text-anchor="middle" dominant-baseline="central" font-family="${family}" font-weight="700" font-size="15" fill="#0b1420">${NUMERALS[level]}</text>`,
    ].join(''),
  );
}

/** A resource: a rounded square in its status colour, with the type's glyph inside. */
export function resourceIcon(glyph: string, color: Rgb): IconDef {
  return icon(`resource/${glyph}/${color.join(',')}`, () =>
    [
      `<rect x="6" y="6" width="52" height="52" rx="10" fill="${css(color)}" stroke="#0b1420" stroke-width="3"/>`,
      glyphText(glyph, color, 30),
    ].join(''),
  );
}

/**
 * An emergency shelter (应急避难场所): a house (a roof over walls, unlike any other symbol) with
 * the shelter glyph inside; in the emergency-sign green while open, grey and faded while closed.
 */
export function shelterIcon(glyph: string, open: boolean): IconDef {
  const fill: Rgb = open ? [0, 150, 96] : [84, 94, 108];
  const family = CJK_FONT_FAMILY.replace(/"/g, "'");
  const text: Rgb = open ? [255, 255, 255] : [196, 204, 214];
  return icon(`shelter/${glyph}/${open ? 'open' : 'closed'}`, () =>
    [
      `<g opacity="${open ? 1 : 0.7}">`,
      `<polygon points="32,2 62,26 56,26 56,61 8,61 8,26 2,26" fill="${css(fill)}" stroke="#0b1420" stroke-width="3" stroke-linejoin="round"/>`,
      open
        ? `<polygon points="32,8 52,24 51,24 51,56 13,56 13,24 12,24" fill="none" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/>`
        : '',
      `<text x="32" y="42" text-anchor="middle" dominant-baseline="central" font-family="${family}" font-weight="700" font-size="30" fill="${css(text)}">${glyph}</text>`,
      `</g>`,
    ].join(''),
  );
}
