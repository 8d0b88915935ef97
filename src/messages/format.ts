/**
 * Dates, times, money and numbers as the library's readers expect them, in their language,
 * always in Hong Kong time: "29 November 2026" or "2026年11月29日"; money is kept in cents of a
 * Hong Kong dollar and shown as HK$12.00.
 */
import { LOCALE_INFO, type Locale } from '../domain/shared/locale.js';
import { LIBRARY_TIME_ZONE } from '../domain/shared/library-date.js';

export interface Formatters {
  /** A library date (YYYY-MM-DD, a calendar day in Hong Kong). */
  formatDate(isoDate: string): string;
  /** A moment (milliseconds), with the time of day. */
  formatDateTime(ms: number, options?: { seconds?: boolean }): string;
  /** Cents of a Hong Kong dollar. */
  formatMoney(cents: number): string;
  formatNumber(value: number): string;
  /** The time of day of a moment, in Hong Kong ("14:05"). */
  formatTime(ms: number): string;
  /** The day of a moment, short, in Hong Kong ("3 Dec", "12月3日"): for a chart's axis. */
  formatShortDay(ms: number): string;
  /** Words as one list in the language's own way: "A, B and C", 「A、B及C」 (never an ASCII comma in Chinese). */
  formatList(items: readonly string[]): string;
  /** A library date, short, with its weekday ("Mon, 7 Dec", "12月7日週一"): for a row of date buttons. */
  formatWeekdayDate(isoDate: string): string;
}

/**
 * Chinese may break a line between any two characters, so a narrow screen showed "2026年3月7" at the
 * end of one line and "日" on the next. A word joiner (U+2060: invisible, skipped by screen readers)
 * beside each Chinese character of a date or time keeps it whole wherever it is shown, inside a
 * sentence too; the space between a date and its time is still a place to break. English breaks
 * only at spaces, and is left as it is.
 */
const WORD_JOINER = '\u2060';
/** Only beside a Chinese character: digits and colons already hold together ("12:05"). */
const keptWhole = (text: string) => text.replace(/(?<=\p{Script=Han})(?=\S)|(?<=\S)(?=\p{Script=Han})/gu, WORD_JOINER);

function createFormatters(locale: Locale): Formatters {
  const tag = LOCALE_INFO[locale].intl;
  const whole = locale === 'zh-HK' ? keptWhole : (text: string) => text;
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: LIBRARY_TIME_ZONE });
  const dateTimeSeconds = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'medium', timeZone: LIBRARY_TIME_ZONE });
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'HKD' });
  const number = new Intl.NumberFormat(tag);
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', hourCycle: 'h23', timeZone: LIBRARY_TIME_ZONE });
  const shortDay = new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: LIBRARY_TIME_ZONE });
  const list = new Intl.ListFormat(tag, { type: 'conjunction' });
  const weekdayDate = new Intl.DateTimeFormat(tag, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return {
    // A library date is a day, not a moment: read and shown in UTC so that no zone shifts it.
    formatDate: (isoDate) => whole(date.format(new Date(`${isoDate}T00:00:00Z`))),
    formatDateTime: (ms, options = {}) => whole((options.seconds ? dateTimeSeconds : dateTime).format(ms)),
    formatMoney: (cents) => money.format(cents / 100),
    formatNumber: (value) => number.format(value),
    formatTime: (ms) => whole(time.format(ms)),
    formatShortDay: (ms) => whole(shortDay.format(ms)),
    formatList: (items) => list.format(items),
    // Date buttons are short and kept on one line by their CSS: no word joiners to get in the way of reading them.
    formatWeekdayDate: (isoDate) => weekdayDate.format(new Date(`${isoDate}T00:00:00Z`)),
  };
}

const cache = new Map<Locale, Formatters>();

/** The formatters of a language, made once (Intl formatters are costly to build). */
export function formattersFor(locale: Locale): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) cache.set(locale, (formatters = createFormatters(locale)));
  return formatters;
}
