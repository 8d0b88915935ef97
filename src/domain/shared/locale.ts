/**
 * The languages of the portal. A third one (Simplified Chinese, say) is one more entry here and
 * one more catalogue with the same keys (README: "Languages").
 */
export const LOCALES = ['en', 'zh-HK'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Per language: the tag for Intl (dates, numbers, plural rules), for <html lang>, and its own name. */
export const LOCALE_INFO: Record<Locale, { intl: string; htmlLang: string; name: string }> = {
  en: { intl: 'en-HK', htmlLang: 'en', name: 'English' },
  'zh-HK': { intl: 'zh-HK', htmlLang: 'zh-Hant-HK', name: '繁體中文' },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language for a browser's Accept-Language list (most wanted first, as Express's
 * req.acceptsLanguages() gives it): Traditional Chinese for Hong Kong, Macau, Taiwan and any
 * zh-Hant; English for everything else, Simplified Chinese included, until it has a catalogue.
 */
export function localeForLanguages(wanted: readonly string[]): Locale {
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    if (lower === 'zh-hk' || lower === 'zh-mo' || lower === 'zh-tw' || lower.startsWith('zh-hant')) return 'zh-HK';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return DEFAULT_LOCALE;
}
