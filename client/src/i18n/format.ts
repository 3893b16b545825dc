import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// The command center reads wall-clock time in China Standard Time whatever the machine's zone.
const TIME_ZONE = 'Asia/Shanghai';

export interface Formatters {
  time(epochMs: number): string;
  value(n: number): string;
}

export function createFormatters(language: string): Formatters {
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: TIME_ZONE,
  });
  const value = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  return { time: (ms) => time.format(ms), value: (n) => value.format(n) };
}

/** Time and number formatters for the current language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language), [i18n.language]);
}
