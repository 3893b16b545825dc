import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Hazard, HazardState } from '@cc/shared';
import type { HazardStates } from '../../store/derived';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from './fonts';

type Rgb = [number, number, number];

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

/** GB 18218 grade 1 is the most dangerous, so it is drawn biggest. */
const GRADE_RADIUS_PX: Record<number, number> = { 1: 13, 2: 10, 3: 8, 4: 6 };
const MIN_RADIUS_PX = 6;

export function hazardRadius(grade: number): number {
  return GRADE_RADIUS_PX[grade] ?? MIN_RADIUS_PX;
}

export interface HazardLayersInput {
  /** All hazards; identity changes only when the hazards slice does. */
  hazards: Hazard[];
  /** Hazards not in the normal state (alarm or offline); identity follows `states`. */
  flagged: Hazard[];
  /** Hazards in a first- or second-stage alarm; identity follows `states`. */
  alarmed: Hazard[];
  /** Identity changes only when some hazard's state changes: the recolour trigger. */
  states: HazardStates;
  selectedId: string | null;
  /** Alternates every second: second-stage halos blink. */
  blink: boolean;
  stateLabel: (state: HazardState) => string;
  onSelect: (hazardId: string) => void;
}

/** Halo, dots, alarm dots on top, and state labels for the major hazards. */
export function createHazardLayers(input: HazardLayersInput): Layer[] {
  const { hazards, flagged, alarmed, states, selectedId, blink, stateLabel, onSelect } = input;
  const stateOf = (h: Hazard): HazardState => states.get(h.id) ?? 'offline';
  const onClick = (info: PickingInfo<Hazard>): boolean => {
    if (info.object) onSelect(info.object.id);
    return Boolean(info.object);
  };
  const dotProps = {
    getPosition: (h: Hazard) => h.location,
    getRadius: (h: Hazard) => hazardRadius(h.grade),
    radiusUnits: 'pixels' as const,
    stroked: true,
    lineWidthUnits: 'pixels' as const,
    getFillColor: (h: Hazard): Rgb => STATE_COLORS[stateOf(h)],
    getLineColor: (h: Hazard): [number, number, number, number] =>
      h.id === selectedId ? [255, 255, 255, 255] : [8, 14, 22, 220],
    getLineWidth: (h: Hazard) => (h.id === selectedId ? 3 : 1.5),
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90] as [number, number, number, number],
    onClick,
    updateTriggers: {
      getFillColor: states,
      getLineColor: selectedId,
      getLineWidth: selectedId,
    },
  };

  const layers: Layer[] = [
    new ScatterplotLayer<Hazard>({
      id: 'hazard-alarm-halo',
      data: alarmed,
      getPosition: (h) => h.location,
      getRadius: (h) => hazardRadius(h.grade) * (stateOf(h) === 'highhigh' ? 2.6 : 2.1),
      radiusUnits: 'pixels',
      stroked: true,
      filled: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (h) => (stateOf(h) === 'highhigh' ? 3 : 2),
      getFillColor: (h) => [...STATE_COLORS[stateOf(h)], 60],
      getLineColor: (h) => [...STATE_COLORS[stateOf(h)], 255],
      opacity: blink ? 1 : 0.45,
      updateTriggers: {
        getRadius: states,
        getLineWidth: states,
        getFillColor: states,
        getLineColor: states,
      },
    }),
    new ScatterplotLayer<Hazard>({ id: 'hazard-dots', data: hazards, ...dotProps }),
    // Alarmed hazards drawn again on top, so a neighbour never hides an alarm.
    new ScatterplotLayer<Hazard>({ id: 'hazard-alarm-dots', data: alarmed, ...dotProps }),
  ];
  // An empty TextLayer with characterSet 'auto' uploads a zero-size font atlas (WebGL warns).
  if (flagged.length === 0) return layers;
  layers.push(
    new TextLayer<Hazard>({
      id: 'hazard-state-labels',
      data: flagged,
      getPosition: (h) => h.location,
      getText: (h) => stateLabel(stateOf(h)),
      getPixelOffset: (h) => [0, hazardRadius(h.grade) * 2.6 + 12],
      getSize: 14,
      getColor: (h) => LABEL_TEXT[stateOf(h)],
      background: true,
      getBackgroundColor: (h) => [...STATE_COLORS[stateOf(h)], 235],
      backgroundPadding: [6, 3],
      backgroundBorderRadius: 3,
      characterSet: 'auto',
      fontFamily: CJK_FONT_FAMILY,
      fontSettings: LABEL_FONT_SETTINGS,
      fontWeight: 600,
      updateTriggers: {
        getText: [states, stateLabel],
        getColor: states,
        getBackgroundColor: states,
      },
    }),
  );
  return layers;
}
