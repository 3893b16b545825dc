import { useAppStore } from '../store/use-app-store';
import { useScreenScale } from './use-wall-layers';

/** What `viewing` holds in the wall's settings (shared/src/wall/config.ts). */
export interface Viewing {
  distanceM: number;
  heightM: number;
  minAngleDeg: number;
}

export const DEFAULT_VIEWING: Viewing = { distanceM: 6, heightM: 2.4, minAngleDeg: 0.3 };

/**
 * The smallest character height the farthest seat can read, in millimetres: a character of
 * height h seen from d subtends θ when h = 2·d·tan(θ/2).
 */
export function minCharacterMm(v: Viewing): number {
  return 2 * v.distanceM * 1000 * Math.tan((v.minAngleDeg * Math.PI) / 180 / 2);
}

/**
 * The smallest font size the wall may use, CSS pixels, on a screen `screenPx` lines high that
 * fills a picture `heightM` metres high. The rule is on the font size (the em): a Chinese
 * character fills its em square, so its height is the font size.
 */
export function minTextPx(v: Viewing, screenPx: number): number {
  const pxPerMm = screenPx / (v.heightM * 1000);
  return minCharacterMm(v) * pxPerMm;
}

/** The wall's smallest font size now (its settings and the window's height), CSS pixels. */
export function useMinTextPx(): number {
  const viewing = useAppStore((s) => s.wall?.config.viewing) ?? DEFAULT_VIEWING;
  const scale = useScreenScale();
  return minTextPx(viewing, scale * 1080);
}
