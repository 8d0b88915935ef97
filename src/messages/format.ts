/** Dates and times as the library's patrons and staff read them: Hong Kong time. */
export const LIBRARY_TIME_ZONE = 'Asia/Hong_Kong';

export function formatDateTime(ms: number, options: { seconds?: boolean; locale?: string } = {}): string {
  return new Date(ms).toLocaleString(options.locale ?? 'en-GB', {
    dateStyle: 'long',
    timeStyle: options.seconds ? 'medium' : 'short',
    timeZone: LIBRARY_TIME_ZONE,
  });
}

export function formatDate(isoDate: string, locale = 'en-GB'): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString(locale, { dateStyle: 'long', timeZone: 'UTC' });
}

/** Money is kept in cents of a Hong Kong dollar. */
export function formatMoney(cents: number): string {
  return `HK$${(cents / 100).toFixed(2)}`;
}
