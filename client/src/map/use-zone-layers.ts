import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer } from '@deck.gl/core';
import type { ProtectiveZone } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import type { Scene } from './placement/scene';
import { createZoneLayers, zoneScene } from './layers/zones';

/** Compass point of a bearing, for labels (北, 东北…). */
export function compassKey(bearing: number): string {
  const points = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;
  return points[Math.round((((bearing % 360) + 360) % 360) / 45) % 8]!;
}

/** The one-line label of a zone: chemical, isolation and downwind distances, the wind used. */
export function useZoneLabel(): (z: ProtectiveZone) => string {
  const { t } = useTranslation();
  return useCallback(
    (z: ProtectiveZone) =>
      t('zone.label', {
        chemical: t(`zone.chemical.${z.chemical.un}`, { defaultValue: z.chemical.name }),
        un: z.chemical.un,
        isolation: z.isolationM,
        protect: z.protectKm,
        spill: t(`zone.spill.${z.spill}`),
        time: t(`zone.time.${z.time}`),
        wind: z.wind.default
          ? t('zone.windDefault', { from: t(`zone.compass.${compassKey(z.wind.direction)}`) })
          : t('zone.wind', {
              from: t(`zone.compass.${compassKey(z.wind.direction)}`),
              speed: z.wind.speed ?? '—',
              station: z.wind.stationName ?? '',
            }),
      }),
    [t],
  );
}

/** The protective-action zones and wind arrows from the store, for the wall and the tablet. */
export function useZoneLayers(zoom: number, scale: number): { below: Layer[]; scene: Scene } {
  const zonesMap = useAppStore((s) => s.zones);
  const stationsMap = useAppStore((s) => s.stations);
  const zones = useMemo(() => [...zonesMap.values()], [zonesMap]);
  const stations = useMemo(() => [...stationsMap.values()], [stationsMap]);
  // Arrows keep their size on screen: rebuilt per whole zoom step, not every frame.
  const step = Math.round(zoom);
  const below = useMemo(
    () => createZoneLayers(zones, stations, step, scale),
    [zones, stations, step, scale],
  );
  const label = useZoneLabel();
  const scene = useMemo(() => zoneScene(zones, label), [zones, label]);
  return { below, scene };
}
