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

/**
 * A phone number as a `tel:` link (RFC 3966): digits and a leading +, the separators people
 * write (spaces, dashes, brackets) left out; an extension ("转 8001", "ext. 8001") as `;ext=`.
 */
export function telHref(phone: string): string {
  const [main = '', ext] = phone.split(/\s*(?:转|ext\.?|x)\s*/i);
  const digits = main.trim().replace(/(?!^\+)[^\d]/g, '');
  const extDigits = ext?.replace(/\D/g, '');
  return `tel:${digits}${extDigits ? `;ext=${extDigits}` : ''}`;
}
