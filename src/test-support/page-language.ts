/**
 * Whether a page (or a mail) is written in one language throughout: a page in Chinese has no
 * English word outside its data and the allow-list (english-words.ts); an English page no Chinese,
 * but for the language switch's names of the other languages. Each declares its language in <html lang>.
 */
import { LOCALE_INFO, LOCALES, type Locale } from '../domain/shared/locale.js';
import { englishWords, withoutData } from './english-words.js';
import { htmlLang, visibleText } from './visible-text.js';

/** Han characters, and the full-width punctuation that goes with them. */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20]+/g;

/** What the words found in a text of `locale` would be in: English in Chinese, Chinese in English. */
export const foreignTo = (locale: Locale) => (locale === 'en' ? 'Chinese' : 'English');

/** What in `text` is not in `locale`: English words in Chinese, Chinese in English. */
export function wordsOutside(locale: Locale, text: string, data: Iterable<string>): string[] {
  const prose = withoutData(text, data);
  if (locale !== 'en') return englishWords(prose);
  const switchNames = LOCALES.filter((l) => l !== 'en').map((l) => LOCALE_INFO[l].name);
  return [...new Set(switchNames.reduce((rest, name) => rest.replaceAll(name, ' '), prose).match(CHINESE) ?? [])];
}

/** The problems of a page in `locale`, in words for a failing test: an empty list when there are none. */
export function pageLanguageProblems(locale: Locale, html: string, data: Iterable<string>): string[] {
  const problems: string[] = [];
  const lang = htmlLang(html);
  if (lang !== LOCALE_INFO[locale].htmlLang) problems.push(`<html lang="${lang}">, not "${LOCALE_INFO[locale].htmlLang}"`);
  const outside = wordsOutside(locale, visibleText(html), data);
  if (outside.length > 0) problems.push(`${foreignTo(locale)} on the page: ${outside.join(' | ')}`);
  return problems;
}
