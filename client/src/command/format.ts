import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Kilometres as a commander reads them: one decimal under 10 km, whole ones beyond. */
export function formatKm(km: number): string {
  return km < 10 ? km.toFixed(1) : String(Math.round(km));
}

/** Whole numbers with the language's grouping (1,200 / 1,200). */
export function useNumber(): (n: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
    return (n: number) => f.format(n);
  }, [i18n.language]);
}
