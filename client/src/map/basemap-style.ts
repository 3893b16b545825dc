import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { layers as protomapsLayers, namedFlavor, type Flavor } from '@protomaps/basemaps';
import type { BasemapConfig } from '@cc/shared';
import { districts, type DistrictCollection } from './districts';
import { water, type WaterCollection } from './water';
import type { LngLat } from './placement/scene';

// Colours of the control-room theme; kept with the style because only the basemap uses them.
const BACKGROUND = '#0b1420';
const DISTRICT_FILL = '#16324f';
const DISTRICT_BORDER = '#4f86b8';
const WATER = '#1d4f7a';
const RIVER = '#2f6e9f';

/** Source id of a deployment's vector archive (its features give the basemap's names). */
export const VECTOR_SOURCE = 'protomaps';

type Transform = (p: LngLat) => LngLat;

function mapCoordinates<T>(value: T, f: Transform): T {
  if (Array.isArray(value) && typeof value[0] === 'number') return f(value as LngLat) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapCoordinates(v, f)) as T;
  return value;
}

/** A copy of a feature collection with every position moved (onto a GCJ-02 basemap). */
function moved<C extends DistrictCollection | WaterCollection>(c: C, f: Transform | null): C {
  if (!f) return c;
  return {
    ...c,
    features: c.features.map((feature) => ({
      ...feature,
      geometry: {
        ...feature.geometry,
        coordinates: mapCoordinates(feature.geometry.coordinates, f),
      },
    })),
  } as C;
}

function districtBorder(opacity: number): LayerSpecification {
  return {
    id: 'district-border',
    type: 'line',
    source: 'districts',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': DISTRICT_BORDER,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.5],
      'line-opacity': opacity,
    },
  };
}

/**
 * The bundled basemap: background, district areas, the lakes and the Yangtze (Natural Earth),
 * district borders. There is no `glyphs` or `sprite` URL: MapLibre requests nothing, and every
 * name is placed and drawn with the live layers' labels (see placement/).
 */
function builtinStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      districts: { type: 'geojson', data: districts },
      water: { type: 'geojson', data: water },
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
        id: 'water-lakes',
        type: 'fill',
        source: 'water',
        filter: ['==', ['get', 'kind'], 'lake'],
        paint: { 'fill-color': WATER, 'fill-opacity': 0.95 },
      },
      {
        id: 'water-rivers',
        type: 'line',
        source: 'water',
        filter: ['==', ['get', 'kind'], 'river'],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': RIVER,
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2, 10, 5, 13, 12],
        },
      },
      districtBorder(0.85),
    ],
  };
}

/** Protomaps' dark flavour, darkened and blued to the command room's theme. */
const COMMAND_ROOM: Flavor = {
  ...namedFlavor('dark'),
  background: BACKGROUND,
  earth: '#101c2a',
  water: WATER,
  buildings: '#1a2838',
  major: '#3b5573',
  highway: '#5a7da3',
  minor_a: '#2a3d52',
  minor_b: '#2a3d52',
  boundaries: '#4f86b8',
};

/**
 * A deployment's vector archive drawn in the command-room style: Protomaps' layers without
 * their symbol layers (place, road and water names come from the archive's features through
 * the product's own label placement, so no glyphs or sprites are needed), district borders over.
 */
function vectorStyle(url: string): StyleSpecification {
  const layers = protomapsLayers(VECTOR_SOURCE, COMMAND_ROOM, { lang: 'zh-Hans' }).filter(
    (l) => l.type !== 'symbol',
  );
  return {
    version: 8,
    sources: {
      [VECTOR_SOURCE]: {
        type: 'vector',
        url: `pmtiles://${new URL(url, window.location.origin).href}`,
        attribution: '',
      },
      districts: { type: 'geojson', data: districts },
    },
    layers: [...layers, districtBorder(0.6)],
  };
}

/** Raster tiles from the command network, district borders over (moved onto them if GCJ-02). */
function rasterStyle(tiles: string[], toMap: Transform | null): StyleSpecification {
  return {
    version: 8,
    sources: {
      tiles: { type: 'raster', tiles, tileSize: 256 },
      districts: { type: 'geojson', data: moved(districts, toMap) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      { id: 'tiles', type: 'raster', source: 'tiles' },
      districtBorder(0.7),
    ],
  };
}

/** The map's style for a basemap configuration; `toMap` moves bundled data onto GCJ-02 tiles. */
export function createBasemapStyle(
  config: BasemapConfig = { kind: 'builtin' },
  toMap: Transform | null = null,
): StyleSpecification {
  switch (config.kind) {
    case 'pmtiles':
      return vectorStyle(config.url);
    case 'raster':
      return rasterStyle(config.tiles, toMap);
    default:
      return builtinStyle();
  }
}
