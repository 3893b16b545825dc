import { TextLayer } from '@deck.gl/layers';
import { districts } from '../districts';
import type { DistrictFeature } from '../districts';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from './fonts';

/** District names at their label points (the basemap has no glyphs, so deck.gl draws them). */
export function createDistrictLabelsLayer(): TextLayer<DistrictFeature> {
  return new TextLayer<DistrictFeature>({
    id: 'district-labels',
    data: districts.features,
    getPosition: (f) => f.properties.cp,
    getText: (f) => f.properties.name,
    getSize: 15,
    getColor: [170, 196, 222, 210],
    characterSet: 'auto',
    fontFamily: CJK_FONT_FAMILY,
    fontSettings: LABEL_FONT_SETTINGS,
    outlineWidth: 2,
    outlineColor: [11, 20, 32, 255],
    pickable: false,
  });
}
