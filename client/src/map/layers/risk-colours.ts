import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Hazard } from '@cc/shared';
import { RISK_COLORS } from './palette';

/**
 * The four-colour layer of enterprises: a disc under each major hazard source in its dynamic
 * colour (红/橙/黄/蓝, raised by alarms, overdue hidden hazards, warnings and the live grade), so
 * the colour reads around the hazard's own symbol.
 */
export function createRiskColourLayer(hazards: readonly Hazard[], scale: number): Layer {
  const coloured = hazards.filter((h) => h.riskColour);
  return new ScatterplotLayer<Hazard>({
    id: 'enterprise-risk-colour',
    data: coloured,
    getPosition: (h) => h.location,
    getRadius: (h) => (h.riskColour!.reasons.length > 0 ? 22 : 17) * scale,
    radiusUnits: 'pixels',
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (h) => (h.riskColour!.reasons.length > 0 ? 3 : 1.5) * scale,
    getFillColor: (h) => [...RISK_COLORS[h.riskColour!.colour], 90],
    getLineColor: (h) => [...RISK_COLORS[h.riskColour!.colour], 230],
    updateTriggers: { getRadius: scale, getLineWidth: scale },
  });
}
