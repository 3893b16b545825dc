import { bbox } from '@turf/bbox';
import { PolygonLayer } from '@deck.gl/layers';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { AreaGeometry, Incident, RiskArea, Warning } from '@cc/shared';
import { LEVEL_COLORS, RISK_COLORS, SIGNAL_COLORS, textOn, type Rgb } from './palette';
import { RANK } from '../placement/ranks';
import type { Scene, SceneLabel } from '../placement/scene';

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
  /** Screen scale (screen height / 1080): sizes in pixels grow with the wall. */
  scale: number;
}

export interface AreaLabelsInput extends AreaLayersInput {
  riskLabel: (area: RiskArea) => string;
  warningLabel: (warning: Warning) => string;
  incidentAreaLabel: (incident: Incident) => string;
}

function partLabels<T>(
  kind: string,
  parts: AreaPart<T>[],
  id: (owner: T) => string,
  text: (owner: T) => string,
  color: (owner: T) => Rgb,
  rank: number,
): SceneLabel[] {
  return parts.map((p, i) => ({
    id: `area:${kind}:${id(p.owner)}:${i}`,
    text: text(p.owner),
    at: labelPoint(p.polygon),
    rank,
    style: 'tag',
    color: textOn(color(p.owner)),
    background: [...color(p.owner), 200],
  }));
}

/**
 * Each area's name at the middle of its outline, so colour is never the only thing saying what
 * it is: incident areas before warnings before the four-colour risk areas.
 */
export function areaScene(input: AreaLabelsInput): Scene {
  return {
    symbols: [],
    labels: [
      ...partLabels(
        'incident',
        input.incidentParts,
        (i) => i.id,
        input.incidentAreaLabel,
        (i) => LEVEL_COLORS[i.level],
        RANK.incidentArea,
      ),
      ...partLabels(
        'warning',
        input.warningParts,
        (w) => w.id,
        input.warningLabel,
        (w) => SIGNAL_COLORS[w.signal],
        RANK.warningArea,
      ),
      ...partLabels(
        'risk',
        input.riskParts,
        (a) => a.id,
        input.riskLabel,
        (a) => RISK_COLORS[a.riskColour?.colour ?? a.level],
        RANK.riskArea,
      ),
    ],
  };
}

const dashed = new PathStyleExtension({ dash: true });

/**
 * The areas under the points: the four-colour risk map, warning areas in their signal colour
 * (dashed outline), incidents' affected areas (dotted white outline). Their labels are
 * placed with everything else's (areaScene).
 */
export function createAreaLayers(input: AreaLayersInput): Layer[] {
  const { riskParts, warningParts, incidentParts, scale } = input;
  const layers: Layer[] = [
    new PolygonLayer<AreaPart<RiskArea>>({
      id: 'risk-areas',
      data: riskParts,
      getPolygon: (p) => p.polygon,
      getFillColor: (p) => [...RISK_COLORS[p.owner.riskColour?.colour ?? p.owner.level], 46],
      getLineColor: (p) => [...RISK_COLORS[p.owner.riskColour?.colour ?? p.owner.level], 200],
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
  return layers;
}
