import type { IncidentLevel, ResourceStatus, RiskLevel, WarningSignal } from '@cc/shared';

export type Rgb = [number, number, number];

/** 特别重大 red, 重大 orange, 较大 yellow, 一般 blue: the national four-level colours. */
export const LEVEL_COLORS: Record<IncidentLevel, Rgb> = {
  I: [230, 0, 18],
  II: [255, 122, 0],
  III: [255, 214, 10],
  IV: [30, 120, 255],
};

export const RESOURCE_STATUS_COLORS: Record<ResourceStatus, Rgb> = {
  available: [46, 204, 113],
  dispatched: [255, 159, 10],
  en_route: [0, 200, 255],
  on_scene: [214, 92, 255],
  returning: [120, 160, 200],
  out_of_service: [110, 118, 130],
};

/** The four-colour risk map: 重大 red, 较大 orange, 一般 yellow, 低 blue. */
export const RISK_COLORS: Record<RiskLevel, Rgb> = {
  red: [230, 0, 18],
  orange: [255, 122, 0],
  yellow: [255, 214, 10],
  blue: [30, 120, 255],
};

/** Warning signals in their own colour. */
export const SIGNAL_COLORS: Record<WarningSignal, Rgb> = {
  red: [230, 0, 18],
  orange: [255, 122, 0],
  yellow: [255, 214, 10],
  blue: [30, 120, 255],
};

export function css([r, g, b]: Rgb, alpha = 1): string {
  return `rgba(${r},${g},${b},${alpha})`;
}

/** Dark or light text, whichever reads on the colour. */
export function textOn([r, g, b]: Rgb): Rgb {
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? [12, 16, 24] : [255, 255, 255];
}
