/**
 * The message catalogues: one JSON file per language, with the same keys, in ICU MessageFormat
 * (FormatJS intl-messageformat): {name} placeholders, {count, plural, one {…} other {…}},
 * {kind, select, …}. A key missing from a catalogue fails the type-check (the Record below), so
 * no page can show a key instead of a sentence. notes.json tells translators what a key means
 * where that is not obvious.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from './en.json' with { type: 'json' };
import zhHK from './zh-HK.json' with { type: 'json' };
import { formattersFor, type Formatters } from './format.js';
import { DEFAULT_LOCALE, LOCALE_INFO, type Locale } from '../domain/shared/locale.js';

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../domain/shared/locale.js';

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-HK': zhHK };

export function translator(locale: Locale = DEFAULT_LOCALE): Translate {
  const catalogue = catalogues[locale];
  const intlTag = LOCALE_INFO[locale].intl;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  return (key, params) => {
    let message = compiled.get(key);
    if (!message) compiled.set(key, (message = new IntlMessageFormat(catalogue[key], intlTag)));
    try {
      return String(message.format(params));
    } catch {
      // A placeholder given no value: show the message with it visible rather than fail the page.
      return catalogue[key];
    }
  };
}

/** Everything a page or a mail needs to speak one language. */
export interface Localizer extends Formatters {
  locale: Locale;
  t: Translate;
}

const localizers = new Map<Locale, Localizer>();

export function localizerFor(locale: Locale): Localizer {
  let localizer = localizers.get(locale);
  if (!localizer) localizers.set(locale, (localizer = { locale, t: translator(locale), ...formattersFor(locale) }));
  return localizer;
}

/** Whether a key built from a code (a rule or validation code) is in the catalogues. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** English, for what has no reader's language: tests, and the operator's command line. */
export const t = translator('en');
