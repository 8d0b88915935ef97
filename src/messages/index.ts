import { en, type MessageKey } from './en.js';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** The catalogues by language tag. A translation is one more entry with the same keys. */
const catalogues: Record<string, Record<MessageKey, string>> = { en };

export const DEFAULT_LOCALE = 'en';

export function translator(locale: string = DEFAULT_LOCALE): Translate {
  const catalogue = catalogues[locale] ?? en;
  return (key, params) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** Looks up a key built from a code (a rule or validation code); unknown codes fall back to `fallback`. */
export function hasMessage(key: string): key is MessageKey {
  return key in en;
}

export const t = translator();
