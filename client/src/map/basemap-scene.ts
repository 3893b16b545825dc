import { districts } from './districts';
import { water, WATER_LABEL_AT } from './water';
import { NAME_COLORS } from './labels/type-scale';
import { RANK } from './placement/ranks';
import type { LngLat, Scene, SceneLabel, SceneSymbol } from './placement/scene';

/** Changzhou's urban centre: the old city around Nandajie, where Tianning and Zhonglou meet. */
export const CITY_CENTRE: LngLat = [119.955, 31.785];

export interface BasemapSceneInput {
  /** The city centre's name in the page's language. */
  cityName: string;
  /** Water names in the page's language (Chinese or English). */
  english: boolean;
  scale: number;
}

/**
 * The bundled basemap's names, placed with everything else at the lowest ranks: the city
 * centre (a marker and its name), the six districts' names at their label points, and the
 * names of the lakes and the Yangtze.
 */
export function basemapScene({ cityName, english, scale }: BasemapSceneInput): Scene {
  const centre: SceneSymbol = {
    id: 'basemap:city',
    at: CITY_CENTRE,
    look: {
      type: 'dot',
      radius: 5 * scale,
      fill: [...NAME_COLORS.city, 255],
      line: [11, 20, 32, 255],
      lineWidth: 2 * scale,
    },
    rank: RANK.city,
    crowding: 'cluster',
    cluster: { group: 'basemap', radius: 0, size: 14 * scale, tone: [0, 0, 0, 0], severity: 0 },
  };
  const labels: SceneLabel[] = [
    {
      id: 'basemap:city:label',
      text: cityName,
      at: CITY_CENTRE,
      rank: RANK.city,
      style: 'city',
      symbolId: centre.id,
      color: NAME_COLORS.city,
    },
    ...districts.features.map((f): SceneLabel => ({
      id: `basemap:district:${f.properties.name}`,
      text: f.properties.name,
      at: f.properties.cp,
      rank: RANK.district,
      style: 'district',
      color: NAME_COLORS.district,
    })),
    ...water.features.flatMap((f): SceneLabel[] => {
      const at = WATER_LABEL_AT[f.properties.name_zh];
      if (!at) return [];
      return [
        {
          id: `basemap:water:${f.properties.name_zh}`,
          text: english ? f.properties.name_en : f.properties.name_zh,
          at,
          rank: RANK.water,
          style: 'water',
          color: NAME_COLORS.water,
        },
      ];
    }),
  ];
  return { symbols: [centre], labels };
}
