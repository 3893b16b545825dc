import { useTranslation } from 'react-i18next';

/** "12 min" / "1 h 05 min" / "40 s": how long ago, in the wall's language. */
export function useAge(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return t('age.seconds', { count: s });
    const m = Math.floor(s / 60);
    if (m < 60) return t('age.minutes', { count: m });
    return t('age.hours', { hours: Math.floor(m / 60), minutes: String(m % 60).padStart(2, '0') });
  };
}
