import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '@cc/shared';
import { districts } from '../map/districts';
import { useAppStore } from '../store/use-app-store';
import { formatKm } from './format';
import { districtAt, nearestNamed } from './place-name';

/** A named place this far away still says where a point is. */
const NEAR_KM = 3;

/**
 * Where a point is in words: its district and the nearest named place or hazard (as the text to
 * show and as an address to prefill), rather than raw coordinates.
 */
export function usePlaceName(p: LngLat | null): { text: string; address: string } | undefined {
  const { t } = useTranslation();
  const places = useAppStore((s) => s.places);
  const hazards = useAppStore((s) => s.hazards);
  return useMemo(() => {
    if (!p) return undefined;
    const district = districtAt(p, districts);
    const named = [...places.values(), ...hazards.values()];
    const near = nearestNamed(p, named, NEAR_KM);
    if (!district && !near) return undefined;
    const nearText = near
      ? t('command.form.near', { name: near.name, km: formatKm(near.km) })
      : undefined;
    return {
      text: [district, nearText].filter(Boolean).join(' · '),
      address: [district, near ? t('command.form.nearAddress', { name: near.name }) : undefined]
        .filter(Boolean)
        .join(' '),
    };
    // The point is fixed for a form's life; places and hazards rarely change.
  }, [p, places, hazards, t]);
}
