import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Hazard, HazardState } from '@cc/shared';
import type { HazardStates } from '../../store/derived';
import { RANK } from '../placement/ranks';
import type { DrawnScene, Scene, SceneLabel, SceneSymbol } from '../placement/scene';
import type { Rgb } from './palette';

/** Live-state colours; mirrored by the `--state-*` variables in theme/base.css for the panels. */
export const STATE_COLORS: Record<HazardState, Rgb> = {
  normal: [46, 204, 113],
  high: [255, 159, 10],
  highhigh: [255, 31, 31],
  offline: [136, 146, 160],
};

const LABEL_TEXT: Record<HazardState, Rgb> = {
  normal: [10, 20, 30],
  high: [20, 12, 0],
  highhigh: [255, 255, 255],
  offline: [15, 20, 28],
};

const STATE_RANK: Record<HazardState, number> = {
  highhigh: RANK.alarmHighHigh,
  high: RANK.alarmHigh,
  offline: RANK.hazardOffline,
  normal: RANK.hazard,
};

/** A cluster of hazards takes the colour of its worst member. */
const STATE_SEVERITY: Record<HazardState, number> = { normal: 0, offline: 1, high: 2, highhigh: 3 };

/** GB 18218 grade 1 is the most dangerous, so it is drawn biggest. */
const GRADE_RADIUS_PX: Record<number, number> = { 1: 13, 2: 10, 3: 8, 4: 6 };
const MIN_RADIUS_PX = 6;

export function hazardRadius(grade: number): number {
  return GRADE_RADIUS_PX[grade] ?? MIN_RADIUS_PX;
}

export function hazardSymbolId(hazardId: string): string {
  return `hazard:${hazardId}`;
}

export interface HazardSceneInput {
  /** All hazards; identity changes only when the hazards slice does. */
  hazards: Hazard[];
  /** Hazards not in the normal state (alarm or offline): they are labelled. */
  flagged: Hazard[];
  /** Identity changes only when some hazard's state changes. */
  states: HazardStates;
  selectedId: string | null;
  stateLabel: (state: HazardState) => string;
  onSelect: (hazardId: string) => void;
  scale: number;
}

/**
 * The major hazards: a dot each, coloured by live state and sized by grade. Alarmed and selected
 * hazards spread aside where symbols crowd (never hidden in a cluster); the others merge into a
 * count bubble coloured by the worst state among them. Flagged hazards carry a state label.
 */
export function hazardScene(input: HazardSceneInput): Scene {
  const { hazards, flagged, states, selectedId, stateLabel, onSelect, scale } = input;
  const stateOf = (h: Hazard): HazardState => states.get(h.id) ?? 'offline';
  const symbols: SceneSymbol[] = hazards.map((h) => {
    const state = stateOf(h);
    const selected = h.id === selectedId;
    const alarm = state === 'high' || state === 'highhigh';
    return {
      id: hazardSymbolId(h.id),
      at: h.location,
      look: {
        type: 'dot',
        radius: hazardRadius(h.grade) * scale,
        fill: [...STATE_COLORS[state], 255],
        line: selected ? [255, 255, 255, 255] : [8, 14, 22, 220],
        lineWidth: (selected ? 3 : 1.5) * scale,
      },
      rank: selected ? RANK.alarmHighHigh : STATE_RANK[state],
      crowding: alarm || selected ? 'spread' : 'cluster',
      cluster: {
        group: 'hazard',
        radius: 28 * scale,
        size: 24 * scale,
        tone: [...STATE_COLORS[state], 235],
        severity: STATE_SEVERITY[state],
      },
      pick: () => onSelect(h.id),
    };
  });
  const labels: SceneLabel[] = flagged.map((h) => {
    const state = stateOf(h);
    return {
      id: `${hazardSymbolId(h.id)}:label`,
      text: stateLabel(state),
      at: h.location,
      rank: STATE_RANK[state],
      style: 'tag',
      symbolId: hazardSymbolId(h.id),
      color: LABEL_TEXT[state],
      background: [...STATE_COLORS[state], 235],
    };
  });
  return { symbols, labels };
}

export interface HazardHaloInput {
  /** Hazards in a first- or second-stage alarm. */
  alarmed: Hazard[];
  states: HazardStates;
  /** Alternates every second: halos blink. */
  blink: boolean;
  scale: number;
}

/** A blinking halo around each alarmed hazard, where its dot is drawn. */
export function createHazardHaloLayer(input: HazardHaloInput, drawn: DrawnScene): Layer {
  const { alarmed, states, blink, scale } = input;
  const stateOf = (h: Hazard): HazardState => states.get(h.id) ?? 'offline';
  return new ScatterplotLayer<Hazard>({
    id: 'hazard-alarm-halo',
    data: alarmed,
    getPosition: (h) => drawn.drawnAt.get(hazardSymbolId(h.id)) ?? h.location,
    getRadius: (h) => hazardRadius(h.grade) * scale * (stateOf(h) === 'highhigh' ? 2.6 : 2.1),
    radiusUnits: 'pixels',
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (h) => (stateOf(h) === 'highhigh' ? 3 : 2) * scale,
    getFillColor: (h) => [...STATE_COLORS[stateOf(h)], 60],
    getLineColor: (h) => [...STATE_COLORS[stateOf(h)], 255],
    opacity: blink ? 1 : 0.45,
    updateTriggers: {
      getPosition: drawn,
      getRadius: [states, scale],
      getLineWidth: [states, scale],
      getFillColor: states,
      getLineColor: states,
    },
  });
}
