import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { HiddenHazard } from '@cc/shared';
import type { Rgb } from './palette';

/** 逾期: the overdue marker's red, brighter than the four-colour discs' so it reads on top. */
export const OVERDUE_RED: Rgb = [255, 32, 48];

/** Open hidden hazards past their deadline (逾期), in the order drawn (重大 last, on top). Pure. */
export function overdueHiddenHazards(items: Iterable<HiddenHazard>): HiddenHazard[] {
  return [...items]
    .filter((i) => i.stage !== 'closed' && i.overdueSince !== undefined)
    .sort(
      (a, b) => Number(a.grade === 'major') - Number(b.grade === 'major') || (a.id < b.id ? -1 : 1),
    );
}

/**
 * Overdue hidden hazards on the wall's map: a solid red marker with a white ring at each item's
 * location, larger for 重大 items. Drawn under the symbols (an incident or a hazard at the same
 * place stays readable) and over the four-colour discs.
 */
export function createOverdueHiddenHazardLayer(
  items: Iterable<HiddenHazard>,
  scale: number,
): Layer {
  return new ScatterplotLayer<HiddenHazard>({
    id: 'hidden-hazard-overdue',
    data: overdueHiddenHazards(items),
    getPosition: (i) => i.location,
    getRadius: (i) => (i.grade === 'major' ? 9 : 7) * scale,
    radiusUnits: 'pixels',
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2 * scale,
    getFillColor: [...OVERDUE_RED, 255],
    getLineColor: [255, 255, 255, 255],
    updateTriggers: { getRadius: scale, getLineWidth: scale },
  });
}
