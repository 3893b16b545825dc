import type { StyleSpecification } from 'maplibre-gl';
import { districts } from './districts';

// Colours of the control-room theme; kept with the style because only the basemap uses them.
const BACKGROUND = '#0b1420';
const DISTRICT_FILL = '#16324f';
const DISTRICT_BORDER = '#4f86b8';

/**
 * The offline basemap: background and district outlines from the bundled GeoJSON. There is no
 * `glyphs` or `sprite` URL on purpose, so MapLibre never requests anything; labels are drawn
 * by deck.gl instead (see layers/district-labels.ts).
 */
export function createBasemapStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      districts: { type: 'geojson', data: districts },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      {
        id: 'district-fill',
        type: 'fill',
        source: 'districts',
        paint: { 'fill-color': DISTRICT_FILL, 'fill-opacity': 0.45 },
      },
      {
        id: 'district-border',
        type: 'line',
        source: 'districts',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': DISTRICT_BORDER,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.5],
          'line-opacity': 0.85,
        },
      },
    ],
  };
}
