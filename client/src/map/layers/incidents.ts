import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Incident } from '@cc/shared';
import { incidentIcon } from './icons';
import { LEVEL_COLORS, textOn } from './palette';
import { incidentRank } from '../placement/ranks';
import type { DrawnScene, LngLat, Scene, SceneLabel, SceneSymbol } from '../placement/scene';

export interface IncidentSceneInput {
  /** Incidents not closed. */
  incidents: Incident[];
  /** Those labelled (all of them by default): fewer at low zoom, so a wall stays readable. */
  labelled?: Incident[];
  glyph: (incident: Incident) => string;
  label: (incident: Incident) => string;
  scale: number;
  onSelect?: (incidentId: string) => void;
}

/** The symbol id of an incident (its label's is the same with `:label`). */
export function incidentSymbolId(incidentId: string): string {
  return `incident:${incidentId}`;
}

/** Level I–II incidents are drawn larger. */
export function incidentIconSize(incident: Incident, scale: number): number {
  return (incident.level === 'I' || incident.level === 'II' ? 44 : 36) * scale;
}

/**
 * Incidents: a diamond each (glyph by type, colour and numeral by level, so the level reads
 * from the symbol even where the label yields) that spreads aside where symbols crowd, and a
 * level-tagged label.
 */
export function incidentScene(input: IncidentSceneInput): Scene {
  const { incidents, glyph, label, scale, onSelect } = input;
  const symbols: SceneSymbol[] = incidents.map((i) => ({
    id: incidentSymbolId(i.id),
    at: i.location,
    look: {
      type: 'icon',
      icon: incidentIcon(glyph(i), LEVEL_COLORS[i.level], i.level),
      size: incidentIconSize(i, scale),
    },
    rank: incidentRank(i.level),
    crowding: 'spread',
    ...(onSelect ? { pick: () => onSelect(i.id) } : {}),
  }));
  const labels: SceneLabel[] = (input.labelled ?? incidents).map((i) => ({
    id: `${incidentSymbolId(i.id)}:label`,
    text: label(i),
    at: i.location,
    rank: incidentRank(i.level),
    style: 'tag',
    symbolId: incidentSymbolId(i.id),
    color: textOn(LEVEL_COLORS[i.level]),
    background: [...LEVEL_COLORS[i.level], 235],
  }));
  return { symbols, labels };
}

/** Rings pulsing around incidents that arrived recently, where their symbols are drawn. */
export function createIncidentPulseLayer(
  fresh: Incident[],
  drawn: DrawnScene,
  blink: boolean,
  scale: number,
): Layer {
  return new ScatterplotLayer<Incident>({
    id: 'incident-pulse',
    data: fresh,
    getPosition: (i) => drawn.drawnAt.get(incidentSymbolId(i.id)) ?? i.location,
    getRadius: blink ? 34 * scale : 22 * scale,
    radiusUnits: 'pixels',
    stroked: true,
    filled: false,
    getLineColor: (i) => [...LEVEL_COLORS[i.level], 255],
    getLineWidth: 4 * scale,
    lineWidthUnits: 'pixels',
    transitions: { getRadius: 800 },
    updateTriggers: { getRadius: [blink, scale], getPosition: drawn },
  });
}

/** A ring around what the wall is focused on. */
export function createFocusLayer(location: LngLat | null, blink: boolean, scale: number): Layer {
  return new ScatterplotLayer<LngLat>({
    id: 'focus-ring',
    data: location ? [location] : [],
    getPosition: (p) => p,
    getRadius: (blink ? 60 : 46) * scale,
    radiusUnits: 'pixels',
    stroked: true,
    filled: true,
    getFillColor: [255, 255, 255, 25],
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 5 * scale,
    lineWidthUnits: 'pixels',
    transitions: { getRadius: 600 },
    updateTriggers: { getRadius: [blink, scale] },
  });
}
