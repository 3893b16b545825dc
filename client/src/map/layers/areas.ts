import { bbox } from '@turf/bbox';
import { PolygonLayer, TextLayer } from '@deck.gl/layers';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { AreaGeometry, Incident, RiskArea, Warning } from '@cc/shared';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from './fonts';
import { LEVEL_COLORS, RISK_COLORS, SIGNAL_COLORS, textOn, type Rgb } from './palette';
import { labelCollision, type Collides } from './collision';

type Ring = [number, number][];

/** One drawable polygon of an area, with what it belongs to. */
export interface AreaPart<T> {
  owner: T;
  polygon: Ring[];
}

/** Splits areas into polygons (a MultiPolygon draws as several). */
export function polygonsOf<T>(owner: T, geometry: AreaGeometry): AreaPart<T>[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => ({ owner, polygon: polygon as Ring[] }));
}

/** Where an area's label goes: the middle of its outer ring's bounding box. */
export function labelPoint(polygon: Ring[]): [number, number] {
  const ring = polygon[0] ?? [];
  if (ring.length === 0) return [NaN, NaN];
  const [minX, minY, maxX, maxY] = bbox({ type: 'LineString', coordinates: ring });
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}

export interface AreaLayersInput {
  riskParts: AreaPart<RiskArea>[];
  warningParts: AreaPart<Warning>[];
  incidentParts: AreaPart<Incident>[];
  riskLabel: (area: RiskArea) => string;
  warningLabel: (warning: Warning) => string;
  incidentAreaLabel: (incident: Incident) => string;
  /** Screen scale (screen height / 1080): sizes in pixels grow with the wall. */
  scale: number;
}

const dashed = new PathStyleExtension({ dash: true });

function label<T>(
  id: string,
  parts: AreaPart<T>[],
  text: (owner: T) => string,
  color: (owner: T) => Rgb,
  scale: number,
  priority: number,
): Layer {
  return new TextLayer<AreaPart<T>, Collides<AreaPart<T>>>({
    id,
    data: parts,
    getPosition: (p) => labelPoint(p.polygon),
    getText: (p) => text(p.owner),
    getSize: 13 * scale,
    getColor: (p) => textOn(color(p.owner)),
    background: true,
    getBackgroundColor: (p) => [...color(p.owner), 200],
    backgroundPadding: [5 * scale, 2 * scale],
    backgroundBorderRadius: 3,
    characterSet: 'auto',
    fontFamily: CJK_FONT_FAMILY,
    fontSettings: LABEL_FONT_SETTINGS,
    fontWeight: 600,
    ...labelCollision<AreaPart<T>>(priority),
  });
}

/**
 * The areas under the points: the four-colour risk map, warning areas in their signal colour
 * (dashed outline), incidents' affected areas (dotted white outline). Each area is labelled, so
 * colour is never the only thing saying what it is.
 */
export function createAreaLayers(input: AreaLayersInput): Layer[] {
  const { riskParts, warningParts, incidentParts, scale } = input;
  const layers: Layer[] = [
    new PolygonLayer<AreaPart<RiskArea>>({
      id: 'risk-areas',
      data: riskParts,
      getPolygon: (p) => p.polygon,
      getFillColor: (p) => [...RISK_COLORS[p.owner.level], 46],
      getLineColor: (p) => [...RISK_COLORS[p.owner.level], 200],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      stroked: true,
    }),
    new PolygonLayer<AreaPart<Warning>, PathStyleExtensionProps<AreaPart<Warning>>>({
      id: 'warning-areas',
      data: warningParts,
      getPolygon: (p) => p.polygon,
      getFillColor: (p) => [...SIGNAL_COLORS[p.owner.signal], 30],
      getLineColor: (p) => [...SIGNAL_COLORS[p.owner.signal], 255],
      getLineWidth: 3 * scale,
      lineWidthUnits: 'pixels',
      stroked: true,
      getDashArray: [6, 4],
      dashJustified: true,
      extensions: [dashed],
    }),
    new PolygonLayer<AreaPart<Incident>, PathStyleExtensionProps<AreaPart<Incident>>>({
      id: 'incident-areas',
      data: incidentParts,
      getPolygon: (p) => p.polygon,
      getFillColor: (p) => [...LEVEL_COLORS[p.owner.level], 60],
      getLineColor: [255, 255, 255, 230],
      getLineWidth: 2.5 * scale,
      lineWidthUnits: 'pixels',
      stroked: true,
      getDashArray: [2, 3],
      extensions: [dashed],
    }),
  ];
  // An empty TextLayer with characterSet 'auto' uploads a zero-size font atlas (WebGL warns).
  if (riskParts.length > 0)
    layers.push(
      label('risk-area-labels', riskParts, input.riskLabel, (a) => RISK_COLORS[a.level], scale, 1),
    );
  if (warningParts.length > 0)
    layers.push(
      label(
        'warning-area-labels',
        warningParts,
        input.warningLabel,
        (w) => SIGNAL_COLORS[w.signal],
        scale,
        5,
      ),
    );
  if (incidentParts.length > 0)
    layers.push(
      label(
        'incident-area-labels',
        incidentParts,
        input.incidentAreaLabel,
        (i) => LEVEL_COLORS[i.level],
        scale,
        6,
      ),
    );
  return layers;
}
