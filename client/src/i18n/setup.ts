import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
import commandZhCN from './command.zh-CN.json';
import commandEn from './command.en.json';
import riskZhCN from './risk.zh-CN.json';
import riskEn from './risk.en.json';
import officerZhCN from './officer.zh-CN.json';
import officerEn from './officer.en.json';
import reviewZhCN from './review.zh-CN.json';
import reviewEn from './review.en.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** `?lang=en` switches the page to English; anything else (or nothing) is Chinese. */
export function languageFromUrl(search: string): Language {
  const lang = new URLSearchParams(search).get('lang');
  return LANGUAGES.find((l) => l === lang) ?? DEFAULT_LANGUAGE;
}

type Messages = { [key: string]: string | Messages };

/**
 * The message files merged key by key: the wall's `risk` messages (en.json) and the /risk
 * screen's (risk.*.json) share the top-level key, and a shallow spread would drop the wall's.
 */
export function mergeMessages(...files: Messages[]): Messages {
  const out: Messages = {};
  for (const file of files) {
    for (const [key, value] of Object.entries(file)) {
      const prev = out[key];
      out[key] =
        typeof prev === 'object' && typeof value === 'object' ? mergeMessages(prev, value) : value;
    }
  }
  return out;
}

/** Initialises i18next synchronously (the messages are bundled) and returns the language used. */
export function setupI18n(lng: Language): Language {
  void i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: mergeMessages(zhCN, commandZhCN, riskZhCN, officerZhCN, reviewZhCN) },
      en: { translation: mergeMessages(en, commandEn, riskEn, officerEn, reviewEn) },
    },
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  document.documentElement.lang = lng;
  document.title = i18next.t('app.title');
  return lng;
}
