import type { Shelter } from '@cc/shared';
import { shelterIcon } from './icons';
import type { Rgb } from './palette';
import { RANK } from '../placement/ranks';
import type { Rgba, Scene, SceneLabel, SceneSymbol } from '../placement/scene';

export function shelterSymbolId(shelterId: string): string {
  return `shelter:${shelterId}`;
}

/** Label colours: open (room left), open and full, closed. */
const OPEN_TEXT: Rgb = [140, 236, 182];
const FULL_TEXT: Rgb = [255, 176, 64];
const CLOSED_TEXT: Rgb = [160, 170, 184];
const CLOSED_CLUSTER: Rgba = [84, 94, 108, 220];

const SUFFIX = /(应急)?避难场所$/;

/**
 * A shelter's name without the 应急避难场所 every one of them ends with (the symbol says it),
 * unless that is all the name is.
 */
export function shortShelterName(name: string): string {
  const short = name.replace(SUFFIX, '').trim();
  return short === '' ? name : short;
}

export interface ShelterSceneInput {
  shelters: readonly Shelter[];
  /** The glyph inside the house (避). */
  glyph: string;
  /** Its label: name and occupancy/capacity (and "closed"). */
  label: (shelter: Shelter) => string;
  /** Closed shelters are labelled only when zoomed in; open ones always. */
  labelClosed: boolean;
  scale: number;
}

/**
 * Emergency shelters: a house each, green while open and grey while closed. Open shelters never
 * hide in a cluster, not even a closed one's (they spread aside where symbols crowd), and always
 * carry their occupancy against capacity; closed ones merge into a grey count bubble with each
 * other and are named only close up.
 */
export function shelterScene(input: ShelterSceneInput): Scene {
  const { shelters, glyph, label, labelClosed, scale } = input;
  const symbols: SceneSymbol[] = shelters.map((s) => {
    const open = s.status === 'open';
    return {
      id: shelterSymbolId(s.id),
      at: s.location,
      look: { type: 'icon', icon: shelterIcon(glyph, open), size: (open ? 38 : 30) * scale },
      rank: open ? RANK.shelterOpen : RANK.shelterClosed,
      // Open ones are in no cluster group: a closed shelter close by never absorbs them.
      ...(open
        ? { crowding: 'spread' as const }
        : {
            crowding: 'cluster' as const,
            cluster: {
              group: 'shelter-closed',
              radius: 32 * scale,
              size: 26 * scale,
              tone: CLOSED_CLUSTER,
              severity: 0,
            },
          }),
    };
  });
  const labels: SceneLabel[] = shelters
    .filter((s) => s.status === 'open' || labelClosed)
    .map((s) => {
      const open = s.status === 'open';
      return {
        id: `${shelterSymbolId(s.id)}:label`,
        text: label(s),
        at: s.location,
        rank: open ? RANK.shelterOpen : RANK.shelterClosed,
        style: 'unit',
        symbolId: shelterSymbolId(s.id),
        color: !open ? CLOSED_TEXT : s.occupancy >= s.capacity ? FULL_TEXT : OPEN_TEXT,
      };
    });
  return { symbols, labels };
}
