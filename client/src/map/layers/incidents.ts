import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Incident } from '@cc/shared';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from './fonts';
import { incidentIcon } from './icons';
import { LEVEL_COLORS, textOn } from './palette';

export interface IncidentLayersInput {
  /** Incidents not closed. */
  incidents: Incident[];
  /** Those labelled (all of them by default): fewer at low zoom, so labels do not pile up. */
  labelled?: Incident[];
  /** Incidents that arrived recently: they pulse. */
  fresh: Incident[];
  /** Alternates every second: the pulse. */
  blink: boolean;
  glyph: (incident: Incident) => string;
  label: (incident: Incident) => string;
  scale: number;
  onSelect?: (incidentId: string) => void;
}

/** Incidents: a diamond per incident (glyph by type, colour by level) and a level-tagged label. */
export function createIncidentLayers(input: IncidentLayersInput): Layer[] {
  const { incidents, fresh, blink, glyph, label, scale } = input;
  const layers: Layer[] = [
    new ScatterplotLayer<Incident>({
      id: 'incident-pulse',
      data: fresh,
      getPosition: (i) => i.location,
      getRadius: blink ? 34 * scale : 22 * scale,
      radiusUnits: 'pixels',
      stroked: true,
      filled: false,
      getLineColor: (i) => [...LEVEL_COLORS[i.level], 255],
      getLineWidth: 4 * scale,
      lineWidthUnits: 'pixels',
      transitions: { getRadius: 800 },
      updateTriggers: { getRadius: [blink, scale] },
    }),
    new IconLayer<Incident>({
      id: 'incident-icons',
      data: incidents,
      getPosition: (i) => i.location,
      getIcon: (i) => incidentIcon(glyph(i), LEVEL_COLORS[i.level]),
      getSize: (i) => (i.level === 'I' || i.level === 'II' ? 44 : 36) * scale,
      sizeUnits: 'pixels',
      pickable: Boolean(input.onSelect),
      onClick: (info: PickingInfo<Incident>) => {
        if (info.object) input.onSelect?.(info.object.id);
        return Boolean(info.object);
      },
      updateTriggers: { getIcon: glyph, getSize: scale },
    }),
  ];
  const labelled = input.labelled ?? incidents;
  if (labelled.length > 0)
    layers.push(
      // Never filtered by collision: an incident's label must always show (the collision filter also
      // drops labels drawn at a pixel offset, measured in deck.gl 9.4).
      new TextLayer<Incident>({
        id: 'incident-labels',
        data: labelled,
        getPosition: (i) => i.location,
        getText: label,
        getPixelOffset: [0, 30 * scale],
        getSize: 15 * scale,
        getColor: (i) => textOn(LEVEL_COLORS[i.level]),
        background: true,
        getBackgroundColor: (i) => [...LEVEL_COLORS[i.level], 235],
        backgroundPadding: [6 * scale, 3 * scale],
        backgroundBorderRadius: 3,
        characterSet: 'auto',
        fontFamily: CJK_FONT_FAMILY,
        fontSettings: LABEL_FONT_SETTINGS,
        fontWeight: 700,
        updateTriggers: { getText: label },
      }),
    );
  return layers;
}

/** A ring around what the wall is focused on. */
export function createFocusLayer(
  location: [number, number] | null,
  blink: boolean,
  scale: number,
): Layer {
  return new ScatterplotLayer<[number, number]>({
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
